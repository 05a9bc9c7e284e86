"""The plan's slices: any split of the examples covers each one once, languages together."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.check.options import CheckOptions
from generator.check.plan import plan_runs, planned_runs, shard
from generator.languages import LANGUAGES
from generator.model import load_project
from tests.conftest import REPO

PROJECT = load_project(REPO / "api.yaml")
RUNS = plan_runs(PROJECT)
IDS = sorted({run.example.id for run in RUNS})


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


@given(st.sets(st.sampled_from(IDS)), st.sets(st.sampled_from(sorted(LANGUAGES))),
       st.integers(min_value=1, max_value=4).flatmap(
           lambda total: st.tuples(st.integers(min_value=1, max_value=total), st.just(total))))
def test_a_check_plans_its_examples_languages_and_shard_only(
        examples: set[str], languages: set[str], part: tuple[int, int]) -> None:
    options = CheckOptions(examples=tuple(sorted(examples)), languages=tuple(sorted(languages)),
                           shard=part)
    chosen = [run for run in RUNS if (not examples or run.example.id in examples)
              and (not languages or run.language in languages)]
    # The shard slices the examples asked for: `--shard 1/2 a b` checks one of the two.
    mine = {run.example.id for run in shard(chosen, *part)}
    assert [(run.example.id, run.language) for run in planned_runs(PROJECT, options)] == [
        (run.example.id, run.language) for run in chosen if run.example.id in mine]
