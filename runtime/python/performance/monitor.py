"""The Performance-First Workspace Standards' performance monitor, for Python.

Written into a project by ``perf-standards init`` (from
eslint-plugin-perf-standards' runtime/python/) and imported by the functions it
measures; ``perf-standards fix wrap-performance-monitor`` adds the decorator.
It depends on nothing outside the standard library and runs on Python 3.7 and
newer.

    from performance.monitor import performance_monitor

    @performance_monitor
    async def place_order(order: Order) -> Receipt: ...

Every call is timed with ``time.perf_counter()`` and recorded under a name
(``module.qualname`` unless one is given) in a histogram of durations, the same
as the TypeScript runtime keeps (``performanceStats()``): count, errors, total,
min, max and the 50th, 95th and 99th percentiles, in milliseconds, within 1/64
(1.6%) of the true value. ``performance_stats()`` reads them;
``write_performance_snapshot()`` writes them where ``perf-standards gates``
reads them; ``set_performance_sink()`` sends measurements elsewhere, and
``use_installed_exporters()`` to Prometheus (``prometheus_client``) and
OpenTelemetry (``opentelemetry-api``) when they are installed, importing
neither otherwise.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
import json
import logging
import math
import os
import sys
import threading
import time
from datetime import datetime, timezone
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, TypeVar, overload

# The module runs on Python 3.7 (projects declaring python_requires=">=3.7" get
# it from init): typing.Protocol is 3.8+, and `F`'s bound is evaluated at
# import, where collections.abc.Callable[...] is 3.9+.
if TYPE_CHECKING or sys.version_info >= (3, 8):
    from typing import Protocol
else:
    Protocol = object

__all__ = [
    "DurationHistogram",
    "PerformanceSink",
    "performance_monitor",
    "performance_stats",
    "reset_performance_stats",
    "set_performance_sink",
    "use_installed_exporters",
    "write_performance_snapshot",
]

F = TypeVar("F", bound=Callable[..., Any])

# The TypeScript runtime's histogram layout (runtime/histogram.ts): 2^5 = 32
# buckets per power of two of milliseconds, from 2^-13 ms (122 ns) to 2^27 ms
# (37 hours), and one overflow bucket.
_SUB_BITS = 5
_SUB_BUCKETS = 1 << _SUB_BITS
_MIN_EXPONENT = -13
_OCTAVES = 40
_BUCKETS = _OCTAVES << _SUB_BITS
_OVERFLOW_MS = 2.0 ** (_MIN_EXPONENT + _OCTAVES)
_PERCENTILES = (0.5, 0.95, 0.99)
_frexp = math.frexp
_clock = time.perf_counter

_log = logging.getLogger(__name__)
# The exporters' help text of their histogram.
_DESCRIPTION = "Duration of the calls measured by performance_monitor."


class DurationHistogram:
    """Count, errors, total, min, max and a log-linear histogram of one name's
    durations in milliseconds.

    Memory is fixed (1281 counts) whatever the number of calls. A percentile is
    the middle of the bucket holding the nearest-rank duration, clamped to
    [min, max]: within 1/64 of the true value from 2^-13 ms to 2^27 ms, within
    2^-13 ms below that; one among longer durations reads as the maximum.
    """

    __slots__ = ("count", "errors", "total_ms", "min_ms", "max_ms", "_buckets")

    def __init__(self) -> None:
        self.count = 0
        self.errors = 0
        self.total_ms = 0.0
        self.min_ms = math.inf
        self.max_ms = 0.0
        self._buckets = [0] * (_BUCKETS + 1)

    def add(self, duration_ms: float, ok: bool) -> None:
        """Adds one duration (milliseconds, >= 0); ``ok=False`` counts it as an
        error too.

        :complexity: O(1)
        """
        self.count += 1
        if not ok:
            self.errors += 1
        self.total_ms += duration_ms
        if duration_ms < self.min_ms:
            self.min_ms = duration_ms
        if duration_ms > self.max_ms:
            self.max_ms = duration_ms
        if 0.0 < duration_ms < _OVERFLOW_MS:
            # duration = m * 2^e with m in [0.5, 1), i.e. 1.f * 2^(e-1): the
            # bucket is (e - 1 - MIN) * 32 plus f's top 5 bits, int((2m - 1) *
            # 32) = int(64m) - 32. Below 2^-13 ms it is negative: bucket 0.
            mantissa, exponent = _frexp(duration_ms)
            index = (exponent - 2 - _MIN_EXPONENT) * _SUB_BUCKETS + int(
                mantissa * (2 * _SUB_BUCKETS)
            )
            self._buckets[index if index > 0 else 0] += 1
        else:
            # Zero in the first bucket; 2^27 ms and more, infinity and NaN in
            # the overflow one.
            self._buckets[0 if duration_ms <= 0.0 else _BUCKETS] += 1

    def percentiles(self, fractions: tuple[float, ...]) -> list[float]:
        """Nearest-rank percentiles for ``fractions`` (each in (0, 1],
        ascending); NaN before the first ``add``.

        :complexity: O(buckets + fractions): at most 1281 steps
        """
        results = [math.nan] * len(fractions)
        seen = 0
        following = 0
        for index, bucket in enumerate(self._buckets):
            if following == len(fractions):
                break
            seen += bucket
            while (
                following < len(fractions)
                and seen >= math.ceil(fractions[following] * self.count)
                and self.count > 0
            ):
                if index == _BUCKETS:
                    middle = math.inf
                else:
                    middle = 2.0 ** ((index >> _SUB_BITS) + _MIN_EXPONENT) * (
                        1 + ((index & (_SUB_BUCKETS - 1)) + 0.5) / _SUB_BUCKETS
                    )
                results[following] = min(self.max_ms, max(self.min_ms, middle))
                following += 1
        return results


class PerformanceSink(Protocol):
    """Where measurements go: one ``record`` per measured call, after it
    returns, raises or finishes."""

    def record(self, name: str, duration_ms: float, ok: bool) -> None:
        """One measurement: ``duration_ms`` from the call to its end, ``ok``
        false when it raised.

        :performance: called on every measured call, in the caller's thread:
        keep it O(1)
        """


class _StatsSink:
    """The default sink: one histogram per name, behind
    ``performance_stats()``."""

    def __init__(self) -> None:
        self.histograms: dict[str, DurationHistogram] = {}
        self.lock = threading.Lock()

    def record(self, name: str, duration_ms: float, ok: bool) -> None:
        """Adds the duration to the name's histogram.

        :complexity: O(1)
        """
        # acquire/release: cheaper than `with` on every call.
        self.lock.acquire()
        try:
            histogram = self.histograms.get(name)
            if histogram is None:
                histogram = self.histograms[name] = DurationHistogram()
            histogram.add(duration_ms, ok)
        finally:
            self.lock.release()


_stats = _StatsSink()
_sink: PerformanceSink = _stats


def _emit(name: str, start: float, ok: bool) -> None:
    duration_ms = (_clock() - start) * 1000.0
    try:
        _sink.record(name, duration_ms, ok)
    except Exception:
        # A sink that fails must not turn a call that succeeded into a failure,
        # nor change its exception.
        _log.exception("performance sink failed to record %r", name)


def _wrap(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def async_generator_wrapper(*args: Any, **kwargs: Any) -> Any:
            start = _clock()
            ok = False
            inner = fn(*args, **kwargs)
            try:
                try:
                    value = await inner.__anext__()
                    while True:
                        try:
                            sent = yield value
                        except GeneratorExit:
                            await inner.aclose()
                            ok = True
                            raise
                        except BaseException as error:
                            value = await inner.athrow(error)
                        else:
                            value = await inner.asend(sent)
                except StopAsyncIteration:
                    ok = True
            finally:
                _emit(name, start, ok)

        return async_generator_wrapper

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def generator_wrapper(*args: Any, **kwargs: Any) -> Any:
            start = _clock()
            ok = False
            try:
                # `yield from` passes send(), throw() and close() through, and
                # returns the generator's value.
                result = yield from fn(*args, **kwargs)
                ok = True
                return result
            except GeneratorExit:
                ok = True
                raise
            finally:
                _emit(name, start, ok)

        return generator_wrapper

    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def coroutine_wrapper(*args: Any, **kwargs: Any) -> Any:
            start = _clock()
            ok = False
            try:
                result = await fn(*args, **kwargs)
                ok = True
                return result
            finally:
                _emit(name, start, ok)

        return coroutine_wrapper

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = _clock()
        ok = False
        try:
            result = fn(*args, **kwargs)
            ok = True
            return result
        finally:
            _emit(name, start, ok)

    return wrapper


def _decorate(target: Any, name: str | None) -> Any:
    # Placed above @classmethod / @staticmethod by hand: wrap the function
    # inside and keep the descriptor.
    if isinstance(target, (classmethod, staticmethod)):
        return type(target)(_decorate(target.__func__, name))
    if not callable(target):
        got = type(target).__name__
        message = "performance_monitor must decorate a function, got "
        raise TypeError(message + got)
    if name is None:
        name = f"{target.__module__}.{target.__qualname__}"
    return _wrap(target, name)


# Positional-only by the `__name` convention type checkers honour (PEP 484):
# the `/` separator is 3.8+.
@overload
def performance_monitor(__fn: F) -> F:
    """``@performance_monitor``: the function, measured under
    ``module.qualname``.

    :complexity: O(1) per call
    """


@overload
def performance_monitor(__name: str | None = None) -> Callable[[F], F]:
    """``@performance_monitor("name")``: a decorator that measures under
    ``name``.

    :complexity: O(1) per call
    """


def performance_monitor(__fn: Any = None) -> Any:
    """Measures every call of a function under a name: ``@performance_monitor``
    or ``@performance_monitor("orders.place")``.

    The name defaults to ``module.qualname``
    (``app.services.orders.OrderService.cancel``). The wrapper is made by
    ``functools.wraps``: ``__name__``, ``__qualname__``, ``__doc__``,
    ``__module__``, ``__dict__`` and ``__wrapped__`` are the function's, so
    ``inspect.signature`` sees its parameters. It is of the function's kind: an
    ``async def`` gives a coroutine function (``inspect.iscoroutinefunction``
    is true) timed until its result; a generator or async generator function
    gives one of the same kind, timed from the first ``next()`` to its end
    (return, exception, or ``close()`` by the consumer, which is not an error),
    the consumer's time between items included; anything else is timed until it
    returns. An exception counts the call as an error and propagates unchanged.
    Put it directly above ``def``, under ``@staticmethod``, ``@classmethod``
    and registering decorators (``@app.get(...)``), so they see the measured
    function. Raises ``TypeError`` when what it decorates is not callable.

    :complexity: O(1) per call
    :performance: two ``time.perf_counter()`` reads and one sink call per call
    """
    if __fn is None or isinstance(__fn, str):
        given = __fn

        def decorator(target: F) -> F:
            return _decorate(target, given)

        return decorator
    return _decorate(__fn, None)


def set_performance_sink(
    sink: PerformanceSink | None = None,
) -> PerformanceSink:
    """Sends every later measurement to ``sink`` (an object with ``record(name,
    duration_ms, ok)``); ``None`` restores the default, the histograms behind
    ``performance_stats()``. Returns the sink it replaces. Raises ``TypeError``
    when ``sink`` has no ``record`` method.

    :complexity: O(1)
    """
    global _sink
    if sink is not None and not callable(getattr(sink, "record", None)):
        raise TypeError(
            "set_performance_sink: the sink must have a"
            " record(name, duration_ms, ok) method"
        )
    previous = _sink
    _sink = sink if sink is not None else _stats
    return previous


def performance_stats() -> dict[str, dict[str, float]]:
    """The figures the default sink kept since the start or the last reset, by
    name in first-call order: ``count``, ``errors``, ``total_ms``, ``min_ms``,
    ``max_ms``, ``p50_ms``, ``p95_ms``, ``p99_ms`` (milliseconds). Empty while
    another sink is set.

    :complexity: O(names × 1281)
    """
    with _stats.lock:
        stats: dict[str, dict[str, float]] = {}
        for name, histogram in _stats.histograms.items():
            p50, p95, p99 = histogram.percentiles(_PERCENTILES)
            stats[name] = {
                "count": histogram.count,
                "errors": histogram.errors,
                "total_ms": histogram.total_ms,
                "min_ms": histogram.min_ms,
                "max_ms": histogram.max_ms,
                "p50_ms": p50,
                "p95_ms": p95,
                "p99_ms": p99,
            }
        return stats


def reset_performance_stats() -> None:
    """Forgets every name the default sink kept.

    :complexity: O(1)
    """
    with _stats.lock:
        _stats.histograms.clear()


# performance_stats() keys → the TypeScript runtime's, which the budgets gate
# reads.
_SNAPSHOT_KEYS = MappingProxyType(
    {
        "count": "count",
        "errors": "errors",
        "total_ms": "totalMs",
        "min_ms": "minMs",
        "max_ms": "maxMs",
        "p50_ms": "p50Ms",
        "p95_ms": "p95Ms",
        "p99_ms": "p99Ms",
    }
)


def write_performance_snapshot(
    file: str = ".perf-standards/performance-stats.json",
) -> str:
    """Writes ``performance_stats()`` as the snapshot ``perf-standards gates``
    reads (the budgets gate; the TypeScript runtime's format and key names),
    atomically, creating the folder. Returns the absolute path.

    :complexity: O(names × 1281)
    :performance: one small file write and one rename
    """
    target = os.path.abspath(file)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    metrics = {
        name: {_SNAPSHOT_KEYS[key]: value for key, value in figures.items()}
        for name, figures in performance_stats().items()
    }
    snapshot = {
        "format": "perf-standards.performance-snapshot",
        "version": 1,
        "takenAt": datetime.now(timezone.utc)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z"),
        "metrics": metrics,
    }
    temporary = f"{target}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(snapshot, out, indent=2)
        out.write("\n")
    os.replace(temporary, target)
    return target


class _FanOut:
    def __init__(self, sinks: list[PerformanceSink]) -> None:
        self.sinks = sinks

    def record(self, name: str, duration_ms: float, ok: bool) -> None:
        for sink in self.sinks:
            sink.record(name, duration_ms, ok)


class _PrometheusSink:
    def __init__(self, metric_name: str) -> None:
        # Imported by name: the project's type checker need not know the
        # optional package.
        prometheus_client = importlib.import_module("prometheus_client")
        # Prometheus' convention is seconds; the outcome is a label, as
        # OpenTelemetry's `error.type` is an attribute.
        self.histogram = prometheus_client.Histogram(
            metric_name,
            _DESCRIPTION,
            ["function", "outcome"],
        )

    def record(self, name: str, duration_ms: float, ok: bool) -> None:
        outcome = "ok" if ok else "error"
        self.histogram.labels(function=name, outcome=outcome).observe(
            duration_ms / 1000.0
        )


class _OpenTelemetrySink:
    def __init__(self, histogram_name: str) -> None:
        metrics = importlib.import_module("opentelemetry.metrics")
        meter = metrics.get_meter("perf_standards")
        self.histogram = meter.create_histogram(
            histogram_name,
            unit="ms",
            description=_DESCRIPTION,
        )
        self.attributes: dict[str, tuple[dict[str, str], dict[str, str]]] = {}

    def record(self, name: str, duration_ms: float, ok: bool) -> None:
        pair = self.attributes.get(name)
        if pair is None:
            pair = self.attributes[name] = (
                {"code.function.name": name},
                {"code.function.name": name, "error.type": "_OTHER"},
            )
        self.histogram.record(duration_ms, pair[0] if ok else pair[1])


def use_installed_exporters(
    *,
    keep_stats: bool = True,
    prometheus_metric: str = "perf_standards_function_duration_seconds",
    opentelemetry_histogram: str = "perf_standards.function.duration",
) -> list[str]:
    """Sends every later measurement to the exporters whose packages are
    installed, and returns their names: ``"prometheus"``
    (``prometheus_client``: a Histogram in seconds labelled ``function`` and
    ``outcome``) and ``"opentelemetry"`` (``opentelemetry-api``: a histogram in
    ms on the global meter provider, attributes ``code.function.name`` and, for
    an error, ``error.type``, as the TypeScript runtime's sink). A package that
    is not installed is not imported; with neither, nothing changes and ``[]``
    is returned. ``keep_stats`` keeps feeding ``performance_stats()`` too.

    :complexity: O(1)
    :performance: two look-ups on the module path; each installed package
    imported once
    """
    sinks: list[PerformanceSink] = []
    names: list[str] = []
    # find_spec of a top-level name looks for it on the path without importing
    # it.
    if importlib.util.find_spec("prometheus_client") is not None:
        sinks.append(_PrometheusSink(prometheus_metric))
        names.append("prometheus")
    if importlib.util.find_spec("opentelemetry") is not None:
        sinks.append(_OpenTelemetrySink(opentelemetry_histogram))
        names.append("opentelemetry")
    if sinks:
        if keep_stats:
            sinks.insert(0, _stats)
        set_performance_sink(_FanOut(sinks))
    return names
