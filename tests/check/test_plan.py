"""The plan's slices: any split of the examples covers each one once, languages together."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.check.plan import plan_runs, shard
from generator.model import load_project
from tests.conftest import REPO

RUNS = plan_runs(load_project(REPO / "api.yaml"))


@given(st.integers(min_value=1, max_value=len(RUNS) + 2))
def test_the_slices_of_any_split_cover_every_run_once(total: int) -> None:
    slices = [shard(RUNS, number, total) for number in range(1, total + 1)]
    ran = [run for piece in slices for run in piece]
    assert sorted(ran, key=id) == sorted(RUNS, key=id)
    for piece in slices:
        examples = {run.example.id for run in piece}
        assert {run.example.id for run in RUNS if run.example.id in examples} == examples
        assert len(piece) == sum(1 for run in RUNS if run.example.id in examples)
    sizes = [len({run.example.id for run in piece}) for piece in slices]
    assert max(sizes) - min(sizes) <= 1
