"""Unit tests of the worker-process targets used by chapter 2's process-communication demos."""
import multiprocessing
import pickle
import queue
import threading
from multiprocessing import shared_memory

import pytest

from interview_book import process_workers


def test_square():
    assert process_workers.square(-7) == 49


def test_serve_squares_answers_until_the_sentinel():
    inbox, outbox = queue.Queue(), queue.Queue()
    for number in (2, 3, None, 4):                       # 4 comes after the sentinel: never read
        inbox.put(number)
    process_workers.serve_squares(inbox, outbox)
    assert [outbox.get_nowait() for _ in range(outbox.qsize())] == [4, 9]
    assert inbox.get_nowait() == 4


def test_echo_doubled_over_a_pipe_in_a_thread():
    mine, theirs = multiprocessing.Pipe()
    worker = threading.Thread(target=process_workers.echo_doubled, args=(theirs,))
    worker.start()
    answers = []
    for value in (1, "ab"):
        mine.send(value)
        answers.append(mine.recv())
    mine.send(None)
    worker.join(timeout=5)
    assert answers == [2, "abab"] and not worker.is_alive()
    mine.close()


def test_fill_squares_writes_into_the_shared_block_and_detaches():
    block = shared_memory.SharedMemory(create=True, size=8 * 6)
    try:
        assert process_workers.fill_squares(block.name, 2, 5) == 3
        view = block.buf.cast("q")
        assert view.tolist() == [0, 0, 4, 9, 16, 0]
        view.release()
    finally:
        block.close()
        block.unlink()


def test_fill_squares_rejects_a_range_outside_the_block():
    block = shared_memory.SharedMemory(create=True, size=8 * 2)
    try:
        with pytest.raises(IndexError):
            process_workers.fill_squares(block.name, 0, 3)
    finally:
        block.close()
        block.unlink()


def test_count_pickles_counts_each_pickling_and_forwards_calls():
    box = process_workers.CountPickles(b"xyz")
    copies = [pickle.loads(pickle.dumps(box)) for _ in range(3)]
    assert box.times == 3
    assert [copy.times for copy in copies] == [0, 0, 0]  # a fresh counter on the receiving side
    assert process_workers.size_of(copies[0]) == 3
    assert process_workers.CountPickles(abs)(-2) == 2


def test_count_pickles_refuses_what_pickle_refuses():
    box = process_workers.CountPickles(lambda: None)
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(box)


def test_die_ends_the_process_with_its_exit_code_and_no_cleanup():
    context = multiprocessing.get_context("spawn")
    child = context.Process(target=process_workers.die, args=(3,))
    child.start()
    child.join(timeout=60)
    assert child.exitcode == 3


def test_die_breaks_a_process_pool():
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(process_workers.square, 3).result(timeout=60) == 9
        with pytest.raises(BrokenProcessPool):
            pool.submit(process_workers.die).result(timeout=60)
        with pytest.raises(BrokenProcessPool):
            pool.submit(process_workers.square, 4)
