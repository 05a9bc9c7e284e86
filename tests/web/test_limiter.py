"""The per-client limiter both services use: a sliding window, bounded memory."""

from __future__ import annotations

from generator.web.limiter import ClientLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_window_slides() -> None:
    clock = Clock()
    limiter = ClientLimiter(limit=2, window=10, clock=clock)
    limiter.record("a")
    clock.now = 4
    limiter.record("a")
    assert limiter.retry_after("a") == 6
    assert limiter.retry_after("b") is None
    clock.now = 10.5
    assert limiter.retry_after("a") is None


def test_admit_counts_only_what_it_admits() -> None:
    clock = Clock()
    limiter = ClientLimiter(limit=2, window=60, clock=clock)
    assert [limiter.admit("a") for _ in range(4)] == [None, None, 60, 60]
    clock.now = 30
    assert limiter.admit("a") == 30
    clock.now = 60.5
    # The refusals were not counted: both slots free up when the first events leave.
    assert [limiter.admit("a") for _ in range(3)] == [None, None, 60]


def test_retry_after_is_a_whole_second_at_least() -> None:
    clock = Clock()
    limiter = ClientLimiter(limit=1, window=10, clock=clock)
    limiter.record("a")
    clock.now = 9.99
    assert limiter.retry_after("a") == 1


def test_zero_limit_disables() -> None:
    limiter = ClientLimiter(limit=0, window=10)
    for _ in range(100):
        limiter.record("a")
    assert limiter.admit("a") is None


def test_the_least_recently_counted_client_is_forgotten_first() -> None:
    limiter = ClientLimiter(limit=1, window=60, max_clients=2, clock=Clock())
    limiter.record("a")
    limiter.record("b")
    limiter.record("a")  # "a" is now the most recent; "b" goes when "c" arrives
    limiter.record("c")
    assert limiter.retry_after("a") is not None
    assert limiter.retry_after("b") is None
    assert limiter.retry_after("c") is not None


def test_a_client_that_waited_out_retry_after_starts_afresh() -> None:
    clock = Clock()
    limiter = ClientLimiter(limit=3, window=10, clock=clock)
    for moment in (0, 1, 2):
        clock.now = moment
        limiter.record("a")
    assert limiter.retry_after("a") == 8
    clock.now = 10
    assert limiter.retry_after("a") is None
    limiter.record("a")
    limiter.record("a")
    assert limiter.retry_after("a") is None


def test_twice_the_limit_and_one_more_meets_a_refusal_whatever_came_before() -> None:
    # A sample's attempt budget (`Threshold.budget`): a lock-out that began with failures
    # from before the sample may end before its next try, and the count starts afresh.
    for earlier in range(3):
        for gap in (0.5, 5.0, 9.9):
            clock = Clock()
            limiter = ClientLimiter(limit=3, window=10, clock=clock)
            for _ in range(earlier):
                limiter.record("a")
            clock.now = gap
            refused = False
            for _ in range(2 * limiter.limit + 1):
                if limiter.retry_after("a") is not None:
                    refused = True
                    break
                limiter.record("a")
                clock.now += 0.2
            assert refused, (earlier, gap)
