"""Timed mock interviews in a kernel: questions drawn across the book, a countdown, model answers and a rubric.

``draw`` picks interview questions (``interview_questions.load_all``) for one session. It is seeded
(``Mulberry32(seed)``), never repeats a question, takes at most one question per sub-topic until
every sub-topic in the pool has had its turn, and favours weak sub-topics: a sub-topic's weight is
``1 + 2 * weakness`` when the reader has answered something there (``dashboard.summary``), 1
otherwise (``weights_from``). A sub-topic is a (chapter, slug) pair; questions whose chapter has
no metadata lines yet have no slug, and all of that chapter's questions count as one sub-topic.
The site's ``static/mock.js`` is a line-by-line port of ``Mulberry32``, ``weights_from`` and
``draw``: the same seed, pool and weights give the same questions in the same order in a kernel
and in a browser (tests/test_learner.py runs both on shared cases).

A session records, per question, the answer typed, when it started and ended, the seconds used and
the self-grades on ``RUBRIC`` (four criteria scored 0 to 2). An empty answer is recorded as
*skipped*, never an error, and scores 0 on every criterion. Sessions are appended to a JSON file
next to the progress file (``mock_sessions.json``; ``$INTERVIEW_BOOK_MOCK_SESSIONS`` overrides it),
written atomically; an unreadable file is moved aside with a warning.

``show`` is the display object: an ipywidgets view in a kernel (Start, a countdown label, a
Textarea, Reveal, the rubric, Next, the score) and, as ``text/html``, the placeholder the site's
``mock.js`` fills (``site_views.mock_interview``). Time comes from an injected ``clock``; the
countdown label is refreshed by a daemon thread that stops when the question ends, and tests call
``tick()`` themselves instead of waiting.
"""
from __future__ import annotations

import html
import json
import math
import os
import random
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import dashboard, exercises, interview_questions, progress, site_views, syllabus
from .interview_questions import InterviewQuestion

ENV_VAR = "INTERVIEW_BOOK_MOCK_SESSIONS"
FORMAT_VERSION = 1
ANY = "any"


class MockSessionWarning(UserWarning):
    """The mock-session file was unreadable and has been moved aside."""


# --- the rubric ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    descriptors: tuple[str, str, str]  # what a 0, a 1 and a 2 look like


RUBRIC: tuple[Criterion, ...] = (
    Criterion("correctness", "Correctness", (
        "Wrong or missing the point of the question.",
        "Mostly right, with a gap or an imprecise claim.",
        "Right and precise; nothing an expert would correct.")),
    Criterion("depth", "Depth and trade-offs", (
        "Names a tool or a rule without saying when it fails.",
        "Gives one trade-off or one alternative.",
        "Weighs alternatives, says when each wins and what it costs.")),
    Criterion("structure", "Structure", (
        "Wanders; the listener cannot tell where the answer is going.",
        "Has an order, but the headline comes late.",
        "Headline first, then reasons or steps, then an example.")),
    Criterion("communication", "Communication", (
        "Hard to follow: jargon unexplained, no checking with the listener.",
        "Clear, but too long or too terse for the question.",
        "Concise, concrete, invites the follow-up.")),
)
MAX_PER_QUESTION = 2 * len(RUBRIC)


# --- drawing questions --------------------------------------------------------------------------

SubTopic = tuple[int, "str | None"]


def subtopic_of(question: InterviewQuestion) -> SubTopic:
    return (question.chapter, question.topic)


def weights_from(summary_table) -> dict[SubTopic, float]:
    """``1 + 2 * weakness`` per touched sub-topic of a ``dashboard.summary`` table (untouched: 1)."""
    weights = {}
    for row in summary_table.itertuples(index=False):
        weakness = row.weakness
        weights[(int(row.chapter), row.topic)] = 1.0 if weakness != weakness else 1.0 + 2.0 * float(weakness)
    return weights


class Mulberry32:
    """The mulberry32 generator, in 32-bit unsigned arithmetic exactly as ``mock.js`` computes it.

    The state is one 32-bit word, the seed taken modulo 2**32 (what JavaScript's ``seed >>> 0`` does
    for an integer seed). Each step adds 0x6D2B79F5 to the state and mixes it with xor-shifts and
    two 32-bit multiplications (JavaScript's ``Math.imul``); every intermediate value is reduced
    modulo 2**32, which is what JavaScript's ``>>> 0``, ``^`` and ``Math.imul`` do to theirs, so
    both languages produce the same words. ``random()`` is that word / 2**32: a float in [0, 1)
    computed exactly (a 32-bit integer over a power of two). Not for anything secret: it is a
    small, fast, reproducible generator, nothing more.
    """

    MASK = 0xFFFFFFFF

    def __init__(self, seed: int):
        self.state = int(seed) & self.MASK

    def next_uint32(self) -> int:
        m = self.MASK
        self.state = a = (self.state + 0x6D2B79F5) & m
        t = ((a ^ (a >> 15)) * (1 | a)) & m                       # Math.imul(a ^ a >>> 15, 1 | a)
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & m)) & m) ^ t     # (t + Math.imul(t ^ t >>> 7, 61 | t)) ^ t
        return (t ^ (t >> 14)) & m                                # (t ^ t >>> 14) >>> 0

    def random(self) -> float:
        return self.next_uint32() / 4294967296

    def index(self, size: int) -> int:
        """A uniform position in a sequence of ``size`` items: ``floor(random() * size)``."""
        return min(int(self.random() * size), size - 1)


def _subtopic_order(key: SubTopic) -> tuple[int, str]:
    """Sub-topics are weighed in this fixed order: chapter, then slug (no slug first)."""
    return (key[0], key[1] or "")


def _weighted_choice(rng: Mulberry32, keys: list, key_weights: list[float]):
    """The first key whose running weight sum exceeds ``random() * total`` (sums left to right)."""
    total = 0.0
    for weight in key_weights:
        total += weight
    point = rng.random() * total
    running = 0.0
    for key, weight in zip(keys, key_weights):
        running += weight
        if point < running:
            return key
    return keys[-1]


def _matches(question_difficulty: str | None, wanted: str | None) -> bool:
    return wanted in (None, ANY) or question_difficulty == wanted


def draw(count: int, *, seed: int | None, difficulty: str | None = None,
         weights: Mapping[SubTopic, float] | None = None,
         questions: Sequence[InterviewQuestion] | None = None) -> list[InterviewQuestion]:
    """``count`` different questions, at most one per sub-topic per round, weak sub-topics favoured.

    ``difficulty`` None or "any" keeps every question; otherwise only questions of that difficulty
    (a question without a difficulty matches only "any"). Each pick first chooses a sub-topic among
    those not yet used in this round, with probability proportional to its weight (``weights``,
    default 1; cumulative sums over the sub-topics sorted by chapter then slug), then a question of
    it uniformly (the questions kept in pool order); when every sub-topic has been used, a new round
    starts. The same seed, pool and weights give the same questions, here and in ``mock.js``.
    ``seed`` None draws a fresh seed (not reproducible).
    """
    if difficulty not in (None, ANY, *interview_questions.DIFFICULTIES):
        raise ValueError(f"difficulty must be 'any' or one of {interview_questions.DIFFICULTIES}, not {difficulty!r}")
    pool = [q for q in (interview_questions.load_all() if questions is None else questions)
            if _matches(q.difficulty, difficulty)]
    if count < 0 or count > len(pool):
        raise ValueError(f"cannot draw {count} questions from a pool of {len(pool)} "
                         f"(difficulty {difficulty or ANY})")
    weights = weights or {}
    rng = Mulberry32(random.SystemRandom().randrange(2**32) if seed is None else seed)
    groups: dict[SubTopic, list[InterviewQuestion]] = {}
    for question in pool:  # book order within a sub-topic
        groups.setdefault(subtopic_of(question), []).append(question)
    order = sorted(groups, key=_subtopic_order)
    for key in order:  # a zero, negative or infinite weight would silently skew or break the draw
        weight = float(weights.get(key, 1.0))
        if not (math.isfinite(weight) and weight > 0):
            raise ValueError(f"the weight of sub-topic {key[0]}/{key[1] or ''} must be a finite number above 0")
    chosen: list[InterviewQuestion] = []
    used: set[SubTopic] = set()
    while len(chosen) < count:
        open_ = [key for key in order if groups[key] and key not in used]
        if not open_:
            used.clear()
            continue
        key = _weighted_choice(rng, open_, [float(weights.get(key, 1.0)) for key in open_])
        items = groups[key]
        chosen.append(items.pop(rng.index(len(items))))
        used.add(key)
    return chosen


def draw_exercises(count: int, *, seed: int | None, difficulty: str | None = None,
                   in_browser_only: bool = True) -> list[exercises.Exercise]:
    """A timed coding set: ``count`` exercises of the book, at most one per chapter per round.

    Same generator and rules as ``draw`` with every chapter weighing 1 (chapters in number order)."""
    if difficulty not in (None, ANY, *interview_questions.DIFFICULTIES):
        raise ValueError(f"difficulty must be 'any' or one of {interview_questions.DIFFICULTIES}, not {difficulty!r}")
    pool = [exercise for section in syllabus.sections() for exercise in exercises.load(section.number)
            if _matches(exercise.difficulty, difficulty) and (exercise.runs_in_browser or not in_browser_only)]
    if count < 0 or count > len(pool):
        raise ValueError(f"cannot draw {count} exercises from a pool of {len(pool)}")
    rng = Mulberry32(random.SystemRandom().randrange(2**32) if seed is None else seed)
    by_chapter: dict[int, list] = {}
    for exercise in pool:
        by_chapter.setdefault(exercise.chapter, []).append(exercise)
    chosen, used = [], set()
    while len(chosen) < count:
        open_ = [chapter for chapter in sorted(by_chapter) if by_chapter[chapter] and chapter not in used]
        if not open_:
            used.clear()
            continue
        chapter = open_[rng.index(len(open_))]
        items = by_chapter[chapter]
        chosen.append(items.pop(rng.index(len(items))))
        used.add(chapter)
    return chosen


# --- sessions -----------------------------------------------------------------------------------

def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Answer:
    question: str  # InterviewQuestion.id
    chapter: int
    title: str
    answer: str = ""
    status: str = "pending"  # "answered", "skipped" or "pending"
    started_at: str | None = None
    finished_at: str | None = None
    seconds_used: float | None = None
    grades: dict[str, int] = field(default_factory=dict)  # criterion key -> 0..2


@dataclass
class Session:
    seed: int | None
    difficulty: str
    minutes_per_question: float
    started_at: str
    answers: list[Answer]
    finished_at: str | None = None

    @classmethod
    def new(cls, questions: Iterable[InterviewQuestion], *, seed: int | None, difficulty: str | None = None,
            minutes_per_question: float = 5, now: Callable[[], str] = _now) -> "Session":
        return cls(seed, difficulty or ANY, minutes_per_question, now(),
                   [Answer(q.id, q.chapter, q.title) for q in questions])

    def record(self, index: int, text: str | None, *, started_at: str, finished_at: str,
               seconds_used: float) -> Answer:
        """Store the answer to question ``index``; blank or missing text is recorded as skipped."""
        entry = self.answers[index]
        entry.answer = (text or "").strip()
        entry.status = "answered" if entry.answer else "skipped"
        entry.started_at, entry.finished_at = started_at, finished_at
        entry.seconds_used = round(max(0.0, seconds_used), 1)
        return entry

    def grade(self, index: int, grades: Mapping[str, int | None]) -> Answer:
        """Self-grades for question ``index``; criteria left unset are not stored. Skipped answers keep none."""
        entry = self.answers[index]
        known = {criterion.key for criterion in RUBRIC}
        clean = {}
        for key, value in grades.items():
            if key not in known:
                raise ValueError(f"unknown rubric criterion {key!r}; use one of {sorted(known)}")
            if value is None:
                continue
            if value not in (0, 1, 2):
                raise ValueError(f"{key}: a score is 0, 1 or 2, not {value!r}")
            clean[key] = int(value)
        entry.grades = {} if entry.status == "skipped" else clean
        return entry

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping) -> "Session":
        return cls(**{**data, "answers": [Answer(**entry) for entry in data["answers"]]})


@dataclass(frozen=True)
class Score:
    points: int
    maximum: int  # 2 points per criterion per question that counts (answered and graded, or skipped)
    by_criterion: dict[str, int]
    answered: int
    skipped: int
    ungraded: int  # answered but not (fully) self-graded: left out of points and maximum

    @property
    def share(self) -> float:
        return self.points / self.maximum if self.maximum else 0.0


def score(session: Session) -> Score:
    """Total the self-grades: a skipped question counts 0 of 8; an answer graded on fewer than four
    criteria is left out (not guessed)."""
    points, maximum = 0, 0
    by_criterion = {criterion.key: 0 for criterion in RUBRIC}
    answered = skipped = ungraded = 0
    for entry in session.answers:
        if entry.status == "skipped":
            skipped += 1
            maximum += MAX_PER_QUESTION
        elif entry.status == "answered":
            answered += 1
            if set(entry.grades) != set(by_criterion):
                ungraded += 1
                continue
            maximum += MAX_PER_QUESTION
            for key, value in entry.grades.items():
                by_criterion[key] += value
                points += value
    return Score(points, maximum, by_criterion, answered, skipped, ungraded)


def sessions_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return progress.progress_path().with_name("mock_sessions.json")


def _fresh() -> dict:
    return {"version": FORMAT_VERSION, "sessions": []}


def load_sessions(path: Path | None = None) -> dict:
    """The stored sessions; an unreadable file is moved aside with a warning and a fresh record returned."""
    path = path or sessions_path()
    try:
        record = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return _fresh()
    except (OSError, UnicodeDecodeError, ValueError):
        record = None
    if (isinstance(record, dict) and record.get("version") == FORMAT_VERSION
            and isinstance(record.get("sessions"), list)
            and all(isinstance(item, dict) for item in record["sessions"])):
        return record
    kept = progress._move_aside(path)
    warnings.warn(f"The mock-session file {path} could not be read; it was kept as {kept} and a new one started.",
                  MockSessionWarning, stacklevel=2)
    return _fresh()


def save_session(session: Session, path: Path | None = None) -> Path:
    """Append ``session`` to the session file, atomically; returns the file's path.

    Read, append, write: two kernels saving at the same instant can lose one of the two sessions
    (each write is atomic, the pair is not); one reader practising alone never meets this.
    """
    path = path or sessions_path()
    record = load_sessions(path)
    record["sessions"].append(session.to_json())
    progress.save(record, path)
    return path


# --- the kernel widget --------------------------------------------------------------------------

def format_remaining(seconds: float) -> str:
    seconds = max(0, math.ceil(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Countdown:
    """Refreshes a callback once a second from a daemon thread until stopped or at zero."""

    def __init__(self, on_tick: Callable[[], bool], interval: float = 1.0):
        self._on_tick, self._interval = on_tick, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="mock-countdown", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            if not self._on_tick():
                return

    def stop(self) -> None:
        self._stop.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()


def _answer_html(question: InterviewQuestion, typed: str) -> str:
    yours = (f"<pre style='white-space:pre-wrap'>{html.escape(typed)}</pre>" if typed.strip()
             else "<p><em>No answer: recorded as skipped.</em></p>")
    model = (f"<p><strong>Spoken answer.</strong></p>{interview_questions.to_html(question.spoken)}"
             f"<p><strong>Full answer.</strong></p>{interview_questions.to_html(question.full)}")
    column = "flex:1 1 20rem;min-width:0;padding:0 .6rem;line-height:1.45"
    return (f"<div style='display:flex;flex-wrap:wrap;gap:1rem'>"
            f"<section style='{column}' aria-label='Your answer'><h4>Your answer</h4>{yours}</section>"
            f"<section style='{column}' aria-label='Model answer'><h4>Model answer</h4>{model}</section></div>")


class MockWidget:
    """One mock interview as ipywidgets. ``clock`` gives seconds (monotonic); ``timer`` False keeps
    the countdown thread off, so tests move the clock and call ``tick()``."""

    def __init__(self, questions: Sequence[InterviewQuestion], minutes_per_question: float = 5, *,
                 seed: int | None = None, difficulty: str | None = None, clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], str] = _now, timer: bool = True, path: Path | None = None):
        import ipywidgets as widgets

        self.questions = list(questions)
        self.limit = minutes_per_question * 60
        self.clock, self.now, self.timer, self.path = clock, now, timer, path
        self.session = Session.new(self.questions, seed=seed, difficulty=difficulty,
                                   minutes_per_question=minutes_per_question, now=now)
        self.index = -1
        self.active = False  # a question is open and its time is running
        self.started = 0.0
        self.started_at = ""
        self.countdown: Countdown | None = None
        self.saved_to: Path | None = None
        self._lock = threading.Lock()  # the countdown thread and the buttons both write the label

        self.heading = widgets.HTML(f"<p><strong>Mock interview</strong>: {len(self.questions)} questions, "
                                    f"{minutes_per_question:g} minutes each. Answer as you would aloud; "
                                    "then compare with the model answer and grade yourself.</p>")
        self.prompt = widgets.HTML("")
        self.clock_label = widgets.Label("")
        self.answer = widgets.Textarea(placeholder="Type your answer here", rows=8, description="Answer",
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="100%"), disabled=True)
        self.answer_label = widgets.Label("Your answer")
        self.start_button = widgets.Button(description="Start", tooltip="Start the first question")
        self.reveal_button = widgets.Button(description="Reveal model answer", disabled=True,
                                            layout=widgets.Layout(width="auto"))
        self.next_button = widgets.Button(description="Next", disabled=True)
        self.comparison = widgets.HTML("")
        self.rubric = {criterion.key: widgets.RadioButtons(
            options=[(f"{value}: {text}", value) for value, text in enumerate(criterion.descriptors)],
            value=None, description=criterion.name, style={"description_width": "initial"},
            layout=widgets.Layout(width="auto")) for criterion in RUBRIC}
        self.rubric_box = widgets.VBox(
            [widgets.HTML("<p><strong>Grade your answer</strong> (0, 1 or 2 per criterion)</p>"),
             *(self.rubric[c.key] for c in RUBRIC)], layout=widgets.Layout(display="none"))
        self.result = widgets.HTML("")
        self.start_button.on_click(lambda _b: self.start())
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.next_button.on_click(lambda _b: self.next())
        self.view = widgets.VBox([
            self.heading, self.prompt, self.clock_label, self.answer_label, self.answer,
            widgets.HBox([self.start_button, self.reveal_button, self.next_button]),
            self.comparison, self.rubric_box, self.result])

    # the flow: start -> (tick ...) -> reveal -> grade -> next -> ... -> finish
    def start(self) -> None:
        self.start_button.disabled = True
        self._ask(0)

    def _ask(self, index: int) -> None:
        self.index = index
        question = self.questions[index]
        self.prompt.value = (f"<p>Question {index + 1} of {len(self.questions)} "
                             f"(chapter {question.chapter}): <strong>{html.escape(question.title)}</strong></p>")
        self.answer_label.value = f"Your answer to question {index + 1}"
        self.answer.description = f"Answer {index + 1}"
        self.answer.value = ""
        self.answer.disabled = False
        self.comparison.value = ""
        for radio in self.rubric.values():
            radio.value = None
        self.rubric_box.layout.display = "none"
        self.reveal_button.disabled, self.next_button.disabled = False, True
        self.started, self.started_at = self.clock(), self.now()
        self.active = True
        self.tick()
        if self.timer:
            self.countdown = Countdown(self.tick)
            self.countdown.start()

    def remaining(self) -> float:
        return self.limit - (self.clock() - self.started)

    def tick(self) -> bool:
        """Refresh the countdown label; False once the time is up or the question has ended."""
        with self._lock:
            if not self.active:
                return False
            left = self.remaining()
            if left <= 0:
                self.clock_label.value = "Time is up: finish your sentence and reveal the model answer."
                return False
            self.clock_label.value = f"Time left: {format_remaining(left)}"
            return True

    def _stop_timer(self) -> None:
        if self.countdown is not None:
            self.countdown.stop()
            self.countdown = None

    def reveal(self) -> Answer:
        with self._lock:  # a tick in flight cannot overwrite the label written below
            self.active = False
        self._stop_timer()
        used = self.clock() - self.started
        entry = self.session.record(self.index, self.answer.value, started_at=self.started_at,
                                    finished_at=self.now(), seconds_used=used)
        self.answer.disabled = True
        self.reveal_button.disabled = True
        self.clock_label.value = f"Answered in {format_remaining(entry.seconds_used)}" if entry.status == "answered" \
            else "Skipped"
        self.comparison.value = _answer_html(self.questions[self.index], entry.answer)
        self.rubric_box.layout.display = "none" if entry.status == "skipped" else "flex"
        self.next_button.disabled = False
        self.next_button.description = "Next" if self.index + 1 < len(self.questions) else "Finish"
        return entry

    def next(self) -> None:
        self.session.grade(self.index, {key: radio.value for key, radio in self.rubric.items()})
        if self.index + 1 < len(self.questions):
            self._ask(self.index + 1)
        else:
            self.finish()

    def finish(self) -> Score:
        with self._lock:
            self.active = False
        self._stop_timer()
        self.session.finished_at = self.now()
        self.next_button.disabled = True
        self.answer.disabled = True
        result = score(self.session)
        try:
            self.saved_to = save_session(self.session, self.path)
            saved = "Session saved."
        except OSError as error:
            saved = f"The session could not be saved: {error}."
        self.result.value = (f"<p role='status'><strong>Score: {result.points} of {result.maximum}</strong> "
                             f"({result.answered} answered, {result.skipped} skipped, {result.ungraded} not graded). "
                             f"{html.escape(saved)}</p>")
        return result


class MockInterview:
    """The display object of ``show``: the widget in a kernel, the site's placeholder as HTML."""

    def __init__(self, questions: Sequence[InterviewQuestion], minutes_per_question: float, *,
                 seed: int | None, difficulty: str | None, count: int):
        self.questions = list(questions)
        self.minutes_per_question = minutes_per_question
        self.seed, self.difficulty, self.count = seed, difficulty or ANY, count

    def widget(self, **options) -> MockWidget:
        return MockWidget(self.questions, self.minutes_per_question, seed=self.seed,
                          difficulty=self.difficulty, **options)

    def text(self) -> str:
        lines = [f"Mock interview: {len(self.questions)} questions, {self.minutes_per_question:g} minutes each "
                 f"(difficulty {self.difficulty}, seed {self.seed})"]
        lines += [f"{number}. [chapter {q.chapter}] {q.title}" for number, q in enumerate(self.questions, start=1)]
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # outside a kernel ipywidgets warns that it has no comm
            bundle = dict(self.widget().view._repr_mimebundle_())
        bundle["text/plain"] = self.text()
        bundle["text/html"] = site_views.mock_interview(self.count, max(1, math.ceil(self.minutes_per_question)),
                                                        self.difficulty)
        return bundle


def show(count: int = 3, minutes_per_question: int = 5, seed: int | None = None, difficulty: str | None = None,
         record: object = None) -> MockInterview:
    """A mock interview of ``count`` questions drawn with weights from ``record`` (default: the progress file)."""
    weights = weights_from(dashboard.summary(record))
    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    chosen = draw(count, seed=seed, difficulty=difficulty, weights=weights)
    return MockInterview(chosen, minutes_per_question, seed=seed, difficulty=difficulty, count=count)


# --- system design practice ---------------------------------------------------------------------

@dataclass(frozen=True)
class DesignStep:
    key: str
    name: str
    strong: str  # what a strong answer shows at this step


DESIGN_RUBRIC: tuple[DesignStep, ...] = (
    DesignStep("requirements", "Requirements", "Functional and non-functional requirements asked for, not assumed; scope agreed."),
    DesignStep("estimates", "Estimates", "QPS (average and peak), storage and bandwidth from stated assumptions, with units; a conclusion drawn."),
    DesignStep("api", "API", "The few endpoints or messages, with status codes, idempotency and pagination where they matter."),
    DesignStep("data_model", "Data model", "Entities, keys and access patterns; the store chosen from them, with the partition key."),
    DesignStep("high_level", "High-level design", "The components and the path of a request through them, drawn and explained."),
    DesignStep("deep_dives", "Deep dives", "Two or three hard parts chosen with the interviewer and worked through in depth."),
    DesignStep("trade_offs", "Trade-offs", "Each choice as gain, cost and when you would choose otherwise; what breaks first at 10x."),
    DesignStep("operations", "Operations", "SLOs, metrics and alerts, failure modes, deploys and migrations, cost."),
)


@dataclass(frozen=True)
class DesignPrompt:
    key: str
    title: str
    prompt: str  # markdown
    outline: dict  # step key -> markdown


DESIGN_PROMPTS: dict[str, DesignPrompt] = {
    "webhooks": DesignPrompt(
        "webhooks", "A webhook delivery system",
        "Customers of a payments platform register HTTPS endpoints and choose event types. When an "
        "event happens (a charge succeeded, a refund failed), the platform must POST it to every "
        "subscribed endpoint. Some endpoints are slow or down for hours.",
        {
            "requirements": "Deliver every event at least once to each subscribed endpoint; sign payloads; retry for up to 3 days "
                            "with backoff; per-endpoint ordering is *not* promised (say so); customers can see attempts and "
                            "replay. Non-functional: no event lost once accepted, a slow endpoint must not delay others, "
                            "p99 first attempt within a few seconds.",
            "estimates": "864 M events/day → 10,000/s average, about 30,000/s at a peak factor of 3; 2 KB per event → "
                         "60 MB/s outbound at peak; attempts log at 200 B each, 1.2 attempts per event on average → about "
                         "200 GB/day, kept 30 days → about 6 TB.",
            "api": "`POST /v1/endpoints` (url, event types; returns the signing secret once), `GET /v1/events/{id}/attempts`, "
                   "`POST /v1/events/{id}/replay` (idempotent). Outbound: `POST <customer url>` with headers "
                   "`webhook-id`, `webhook-timestamp`, `webhook-signature` (HMAC-SHA256 over id.timestamp.body, as the "
                   "Standard Webhooks specification defines them).",
            "data_model": "`endpoints(id, customer_id, url, secret, event_types, state)`; `events(id, customer_id, type, payload, "
                          "created_at)` in the producer's outbox; `attempts(event_id, endpoint_id, n, status, latency, at)` "
                          "partitioned by day; the retry schedule lives in the queue, not in a table polled by workers.",
            "high_level": "Producers write events with the transactional outbox → a relay publishes to a log (Kafka or "
                          "Redis Streams) partitioned by endpoint → dispatcher workers fan out per subscription → an HTTP "
                          "sender pool with per-endpoint concurrency limits → failures go to delay queues (1 min, 10 min, "
                          "1 h, ...) and finally to a dead-letter store the customer can replay from.",
            "deep_dives": "Isolation: one queue per endpoint or per-endpoint token buckets so a dead endpoint does not fill "
                          "the workers (head-of-line blocking); a circuit breaker per endpoint that pauses and probes. "
                          "Security: HMAC signatures with a timestamp against replay, secret rotation with two valid "
                          "secrets, SSRF protection (resolve the host, refuse private ranges, pin the IP for the request). "
                          "Duplicates: the receiver dedupes by `Webhook-Id`.",
            "trade_offs": "At-least-once plus receiver dedupe instead of exactly-once (impossible over HTTP); no ordering "
                          "guarantee (customers fetch current state on receipt) in exchange for parallel retries; "
                          "per-endpoint queues cost memory and scheduling complexity at millions of endpoints, so group "
                          "healthy endpoints and isolate only failing ones.",
            "operations": "SLO: 99.9% of events get a first attempt within 5 s; alert on queue age, not queue length; "
                          "per-customer dashboards of failure rates; disable endpoints after 3 days of failures and email "
                          "the owner; load-test the sender with a fake slow endpoint.",
        }),
    "leaderboard": DesignPrompt(
        "leaderboard", "A game leaderboard",
        "A mobile game with 50 million daily players wants a global leaderboard and a weekly one: a "
        "player sees the top 100, their own rank and the ten players around them, right after a "
        "match ends.",
        {
            "requirements": "Submit a score after a match (keep the best per player); read the top 100, a player's rank "
                            "and the neighbours; global all-time and weekly boards; ranks fresh within a second or two; "
                            "ties broken by who got there first. Out of scope: friends boards (mention as an extension).",
            "estimates": "50 M DAU × 5 matches = 250 M score writes/day → about 2,900/s, 8,700/s at peak; reads 10 per "
                         "player per day → about 5,800/s, 17,000/s at peak; a sorted-set entry of about 100 B × 100 M "
                         "players ≈ 10 GB per board: fits in the memory of one large Redis node, with replicas.",
            "api": "`POST /v1/scores` (match id as idempotency key, player, score; server-verified from the game server, "
                   "never from the client); `GET /v1/boards/{board}/top?limit=100`; `GET /v1/boards/{board}/players/{id}` "
                   "(rank, score, neighbours).",
            "data_model": "Source of truth: `scores(player_id, match_id, score, at)` in a database (append-only, for audits "
                          "and rebuilds). Serving: a Redis sorted set per board (`board:global`, `board:week:2026-49`), "
                          "member = player id, score = points with the tie-break folded in: "
                          "points × 2^25 + (2^25 − 1 − t), exact while below 2^53 because a sorted-set score is "
                          "a 64-bit float; t is seconds since the week began on a weekly board and minutes since "
                          "launch on the all-time board (25 bits hold about 388 days of seconds, 64 years of minutes).",
            "high_level": "Game servers → score API → database insert + `ZADD GT` on each board (or via a stream consumer) → "
                          "reads go to Redis replicas: `ZRANGE board 0 99 REV` for the top, `ZREVRANK` then "
                          "`ZRANGE board rank-5 rank+5 REV` for the neighbours (`ZREVRANGE` is deprecated since Redis 6.2); the top 100 cached for a second at the edge.",
            "deep_dives": "Scale beyond one node: shard players by score range (ranks need a count of higher shards, kept "
                          "per shard) or keep exact top-N in one set and approximate ranks for the long tail from a "
                          "histogram of score buckets. Weekly reset: a new key per week with an expiry, no mass delete. "
                          "Cheating: only game servers may submit, with signed match results and bounds checks.",
            "trade_offs": "Redis sorted sets give O(log n) updates and ranks but live in memory: the database stays the "
                          "source of truth and can rebuild a board; exact ranks for 100 M players versus approximate "
                          "ranks beyond the top million (players rarely care whether they are 31,402,117th or 31,402,200th).",
            "operations": "Monitor write-to-visible lag, Redis memory and replication lag; rebuild-from-database runbook "
                          "tested; snapshot boards at week end for prizes before the key expires.",
        }),
}


class DesignForm:
    """A system design prompt: a form per rubric step in a kernel, the prompt and outline as static HTML.

    ``answers`` holds what the reader wrote (``fill`` sets it without widgets); ``missing()`` names
    the rubric steps left empty; the model outline is shown beside the notes on request.
    """

    def __init__(self, prompt: DesignPrompt):
        self.prompt = prompt
        self.answers = {step.key: "" for step in DESIGN_RUBRIC}
        self._view = None

    def fill(self, **notes: str) -> "DesignForm":
        unknown = set(notes) - set(self.answers)
        if unknown:
            raise ValueError(f"unknown steps {sorted(unknown)}; use {list(self.answers)}")
        self.answers.update(notes)
        return self

    def missing(self) -> list[str]:
        return [step.name for step in DESIGN_RUBRIC if not self.answers[step.key].strip()]

    def comparison_html(self) -> str:
        rows = "".join(
            f"<tr><th scope='row'>{html.escape(step.name)}</th>"
            f"<td>{interview_questions.to_html(self.answers[step.key]) if self.answers[step.key].strip() else '<em>empty</em>'}</td>"
            f"<td>{interview_questions.to_html(self.prompt.outline[step.key])}</td></tr>"
            for step in DESIGN_RUBRIC)
        return ("<table class='ib-design-compare'><caption>Your notes and the model outline</caption><thead><tr>"
                "<th scope='col'>Step</th><th scope='col'>Your notes</th><th scope='col'>Model outline</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>")

    def widget(self):
        import ipywidgets as widgets

        areas = {}
        rows = [widgets.HTML(f"<p><strong>Design: {html.escape(self.prompt.title)}</strong></p>"
                             f"{interview_questions.to_html(self.prompt.prompt)}")]
        for step in DESIGN_RUBRIC:
            area = widgets.Textarea(value=self.answers[step.key], rows=3, layout=widgets.Layout(width="100%"),
                                    placeholder=step.strong)
            area.observe(lambda change, key=step.key: self.answers.__setitem__(key, change["new"]), names="value")
            areas[step.key] = area
            rows += [widgets.Label(f"{step.name}: your notes"), area]
        output = widgets.HTML("")
        button = widgets.Button(description="Compare with the model outline", layout=widgets.Layout(width="auto"))

        def compare(_button):
            left = self.missing()
            note = (f"<p>Empty steps: {html.escape(', '.join(left))}.</p>" if left else "<p>Every step has notes.</p>")
            output.value = f"<div role='status'>{note}{self.comparison_html()}</div>"

        button.on_click(compare)
        self._view = widgets.VBox([*rows, button, output])
        return self._view

    def render_html(self) -> str:
        steps = "".join(
            f"<li><strong>{html.escape(step.name)}</strong>: {html.escape(step.strong)}"
            f"<details><summary>Model outline: {html.escape(step.name.lower())}</summary>"
            f"{interview_questions.to_html(self.prompt.outline[step.key])}</details></li>"
            for step in DESIGN_RUBRIC)
        return (f"<section class='ib-design' aria-label='Design practice: {html.escape(self.prompt.title)}'>"
                f"<p><strong>Design: {html.escape(self.prompt.title)}</strong></p>"
                f"{interview_questions.to_html(self.prompt.prompt)}"
                "<p>Write your answer step by step (on paper, or in this chapter in JupyterLab), then open each "
                f"step's model outline.</p><ol>{steps}</ol></section>")

    def render_text(self) -> str:
        return f"Design: {self.prompt.title}\n{self.prompt.prompt}\nSteps: " + ", ".join(s.name for s in DESIGN_RUBRIC)

    def _repr_mimebundle_(self, include=None, exclude=None):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bundle = dict(self.widget()._repr_mimebundle_())
        bundle["text/plain"] = self.render_text()
        bundle["text/html"] = self.render_html()
        return bundle


def design_form(key: str) -> DesignForm:
    """The practice form for one of ``DESIGN_PROMPTS`` ("webhooks", "leaderboard")."""
    return DesignForm(DESIGN_PROMPTS[key])
