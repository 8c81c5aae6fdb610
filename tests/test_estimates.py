"""Back-of-the-envelope helper: the arithmetic and the rounding that a design discussion quotes."""
import pytest

from interview_book import estimates


def test_a_url_shortener_estimate():
    shortener = estimates.Estimate(daily_active_users=100_000_000, reads_per_user_per_day=10,
                                   writes_per_user_per_day=0.1, bytes_per_read=500, bytes_per_write=500)
    assert shortener.read_qps == pytest.approx(11_574, abs=1)
    assert shortener.write_qps == pytest.approx(115.7, abs=0.1)
    assert shortener.storage_per_day == 5_000_000_000  # 10 M new links of 500 B
    rows = dict(shortener.table())
    assert rows["Reads per second (average, peak)"] == "12,000, 35,000"
    assert rows["Storage for 5 years"] == "9.2 TB"


@pytest.mark.parametrize("value, rounded", [(11_574.07, 12_000), (34_722.2, 35_000), (115.74, 120),
                                            (0.5, 0.5), (100, 100), (0, 0)])
def test_estimates_round_up_to_two_significant_figures(value, rounded):
    assert estimates.round_up(value) == pytest.approx(rounded)


@pytest.mark.parametrize("count, text", [(999, "999 B"), (1_536, "1.5 KB"), (9.125e12, "9.1 TB"), (2e18, "2,000.0 PB")])
def test_bytes_are_written_as_people_say_them(count, text):
    assert estimates.human_bytes(count) == text


def test_latency_numbers_are_listed_from_fastest_to_slowest():
    seconds = [value for _name, value in estimates.LATENCIES]
    assert seconds == sorted(seconds)
    assert estimates.human_seconds(500e-6) == "500 µs" and estimates.human_seconds(0.15) == "150 ms"
