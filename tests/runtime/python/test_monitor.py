"""The Python performance monitor (runtime/python/performance/monitor.py), run by tests/runtime/python-monitor.test.ts
with runtime/python first on the path: `python3 -m unittest test_monitor`."""

from __future__ import annotations

import asyncio
import inspect
import json
import math
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest
from collections.abc import AsyncGenerator, Generator
from typing import Any

from performance import monitor
from performance.monitor import DurationHistogram, performance_monitor, performance_stats, reset_performance_stats, set_performance_sink


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, bool]] = []

    def record(self, name: str, duration_ms: float, ok: bool) -> None:
        assert duration_ms >= 0
        self.calls.append((name, ok))


@performance_monitor
def add(a: int, b: int = 2, *, scale: int = 1) -> int:
    """Adds two numbers."""
    return (a + b) * scale


@performance_monitor("custom.fail")
def fail(message: str) -> None:
    raise ValueError(message)


@performance_monitor
async def fetch(value: int, delay: float = 0.0) -> int:
    """Fetches a value."""
    await asyncio.sleep(delay)
    if value < 0:
        raise LookupError(value)
    return value * 10


@performance_monitor
def count(limit: int) -> Generator[int, int | None, int]:
    """Counts up to limit."""
    total = 0
    for index in range(limit):
        received = yield index
        if received is not None:
            total += received
    return total


@performance_monitor
async def stream(limit: int) -> AsyncGenerator[int, str | None]:
    """Streams numbers."""
    for index in range(limit):
        try:
            received = yield index
        except KeyError:
            yield -1
            continue
        if received == "stop":
            raise RuntimeError("stopped")


class Service:
    factor = 3

    @performance_monitor
    def scaled(self, value: int) -> int:
        return value * self.factor

    @classmethod
    @performance_monitor
    def build(cls, value: int) -> tuple[type, int]:
        return cls, value

    @staticmethod
    @performance_monitor
    def pure(value: int) -> int:
        return value + 1

    # By hand above the descriptor: the monitor wraps the function inside and keeps the descriptor.
    @performance_monitor
    @classmethod
    def outer_build(cls) -> type:
        return cls


class Base(unittest.TestCase):
    def setUp(self) -> None:
        set_performance_sink(None)
        reset_performance_stats()
        self.recorder = Recorder()
        set_performance_sink(self.recorder)

    def tearDown(self) -> None:
        set_performance_sink(None)
        reset_performance_stats()


class WrappingTest(Base):
    def test_sync_value_and_name(self) -> None:
        self.assertEqual(add(1, scale=3), 9)
        self.assertEqual(self.recorder.calls, [("test_monitor.add", True)])

    def test_exception_propagates_and_is_timed_as_error(self) -> None:
        with self.assertRaises(ValueError) as raised:
            fail("boom")
        self.assertEqual(str(raised.exception), "boom")
        self.assertEqual(self.recorder.calls, [("custom.fail", False)])

    def test_async(self) -> None:
        self.assertEqual(asyncio.run(fetch(4)), 40)
        with self.assertRaises(LookupError):
            asyncio.run(fetch(-1))
        self.assertEqual(self.recorder.calls, [("test_monitor.fetch", True), ("test_monitor.fetch", False)])

    def test_async_is_timed_until_its_result(self) -> None:
        set_performance_sink(None)
        asyncio.run(fetch(1, 0.05))
        self.assertGreaterEqual(performance_stats()["test_monitor.fetch"]["min_ms"], 45)

    def test_generator_send_return_and_close(self) -> None:
        generator = count(3)
        self.assertEqual(self.recorder.calls, [])  # nothing runs before the first next()
        self.assertEqual(next(generator), 0)
        self.assertEqual(generator.send(5), 1)
        self.assertEqual(generator.send(6), 2)
        with self.assertRaises(StopIteration) as stopped:
            generator.send(7)
        self.assertEqual(stopped.exception.value, 18)
        self.assertEqual(list(count(4)), [0, 1, 2, 3])
        early = count(10)
        next(early)
        early.close()
        self.assertEqual(self.recorder.calls, [("test_monitor.count", True)] * 3)

    def test_generator_throw_is_an_error(self) -> None:
        generator = count(3)
        next(generator)
        with self.assertRaises(KeyError):
            generator.throw(KeyError("x"))
        self.assertEqual(self.recorder.calls, [("test_monitor.count", False)])

    def test_async_generator(self) -> None:
        async def consume() -> list[Any]:
            seen = [item async for item in stream(3)]
            agen = stream(5)
            seen.append(await agen.__anext__())
            seen.append(await agen.athrow(KeyError("k")))
            seen.append(await agen.asend(None))
            await agen.aclose()
            failing = stream(5)
            await failing.__anext__()
            try:
                await failing.asend("stop")
            except RuntimeError as error:
                seen.append(str(error))
            return seen

        self.assertEqual(asyncio.run(consume()), [0, 1, 2, 0, -1, 1, "stopped"])
        self.assertEqual(
            self.recorder.calls,
            [("test_monitor.stream", True), ("test_monitor.stream", True), ("test_monitor.stream", False)],
        )

    def test_methods_classmethods_staticmethods(self) -> None:
        service = Service()
        self.assertEqual(service.scaled(2), 6)
        self.assertEqual(Service.build(1), (Service, 1))
        self.assertEqual(service.build(2), (Service, 2))
        self.assertEqual(Service.pure(1), 2)
        self.assertEqual(service.pure(2), 3)
        self.assertIs(Service.outer_build(), Service)
        self.assertEqual(
            [name for name, _ in self.recorder.calls],
            [
                "test_monitor.Service.scaled",
                "test_monitor.Service.build",
                "test_monitor.Service.build",
                "test_monitor.Service.pure",
                "test_monitor.Service.pure",
                "test_monitor.Service.outer_build",
            ],
        )

    def test_not_callable(self) -> None:
        with self.assertRaisesRegex(TypeError, "must decorate a function, got int"):
            performance_monitor(3)  # type: ignore[call-overload]

    def test_failing_sink_changes_nothing(self) -> None:
        class Broken:
            def record(self, name: str, duration_ms: float, ok: bool) -> None:
                raise OSError("sink down")

        set_performance_sink(Broken())
        with self.assertLogs("performance.monitor", "ERROR"):
            self.assertEqual(add(1), 3)
        with self.assertLogs("performance.monitor", "ERROR"), self.assertRaises(ValueError):
            fail("still")

    def test_bad_sink(self) -> None:
        with self.assertRaisesRegex(TypeError, r"record\(name, duration_ms, ok\)"):
            set_performance_sink(object())  # type: ignore[arg-type]


class WrapsFactsTest(unittest.TestCase):
    def test_wraps_facts(self) -> None:
        self.assertEqual(add.__name__, "add")
        self.assertEqual(add.__qualname__, "add")
        self.assertEqual(add.__doc__, "Adds two numbers.")
        self.assertTrue(callable(add.__wrapped__))  # type: ignore[attr-defined]
        self.assertEqual(str(inspect.signature(add)), "(a: 'int', b: 'int' = 2, *, scale: 'int' = 1) -> 'int'")
        self.assertEqual(str(inspect.signature(fetch)), "(value: 'int', delay: 'float' = 0.0) -> 'int'")
        self.assertEqual(fetch.__doc__, "Fetches a value.")
        self.assertEqual(Service.scaled.__qualname__, "Service.scaled")

    def test_kinds(self) -> None:
        self.assertTrue(inspect.iscoroutinefunction(fetch))
        self.assertFalse(inspect.iscoroutinefunction(add))
        self.assertTrue(inspect.isgeneratorfunction(count))
        self.assertFalse(inspect.isgeneratorfunction(add))
        self.assertTrue(inspect.isasyncgenfunction(stream))
        self.assertFalse(inspect.iscoroutinefunction(stream))
        self.assertTrue(asyncio.iscoroutinefunction(fetch))


class HistogramTest(unittest.TestCase):
    def test_stats_and_percentiles(self) -> None:
        set_performance_sink(None)
        reset_performance_stats()
        sink = monitor._stats  # the default sink, fed exact durations
        for value in range(1, 101):
            sink.record("uniform", float(value), value % 10 != 0)
        stats = performance_stats()["uniform"]
        self.assertEqual(stats["count"], 100)
        self.assertEqual(stats["errors"], 10)
        self.assertEqual(stats["total_ms"], 5050)
        self.assertEqual(stats["min_ms"], 1)
        self.assertEqual(stats["max_ms"], 100)
        # Within 1/64 of the nearest-rank values 50, 95 and 99.
        for key, exact in (("p50_ms", 50), ("p95_ms", 95), ("p99_ms", 99)):
            self.assertLessEqual(abs(stats[key] - exact) / exact, 1 / 64, key)
        self.assertEqual(list(stats), ["count", "errors", "total_ms", "min_ms", "max_ms", "p50_ms", "p95_ms", "p99_ms"])
        reset_performance_stats()
        self.assertEqual(performance_stats(), {})

    def test_same_buckets_as_the_typescript_runtime(self) -> None:
        # The middles runtime/histogram.ts gives: 1 ms → bucket 416, middle 1 + 0.5/32; 3 ms → 1.5 * 2 → 3.03125.
        histogram = DurationHistogram()
        histogram.add(1.0, True)
        histogram.add(1000.0, True)
        self.assertEqual(histogram._buckets[13 << 5], 1)
        self.assertEqual(histogram.percentiles((0.5,)), [1.015625])
        tiny = DurationHistogram()
        tiny.add(0.0, True)
        tiny.add(1e-9, True)
        self.assertEqual(tiny._buckets[0], 2)
        huge = DurationHistogram()
        huge.add(2.0**27, True)
        huge.add(math.nan, False)
        self.assertEqual(huge._buckets[-1], 2)
        self.assertTrue(math.isnan(DurationHistogram().percentiles((0.5,))[0]))

    def test_snapshot_for_the_budgets_gate(self) -> None:
        set_performance_sink(None)
        reset_performance_stats()
        add(1)
        with tempfile.TemporaryDirectory() as folder:
            written = monitor.write_performance_snapshot(os.path.join(folder, "out", "stats.json"))
            with open(written, encoding="utf-8") as file:
                snapshot = json.load(file)
        self.assertEqual(snapshot["format"], "perf-standards.performance-snapshot")
        self.assertEqual(snapshot["version"], 1)
        self.assertEqual(list(snapshot["metrics"]["test_monitor.add"]), ["count", "errors", "totalMs", "minMs", "maxMs", "p50Ms", "p95Ms", "p99Ms"])
        reset_performance_stats()


HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "..", "..", "..", "runtime", "python")


def run_isolated(code: str, extra_path: str | None = None) -> str:
    path = os.pathsep.join([p for p in (extra_path, RUNTIME) if p is not None])
    done = subprocess.run(
        [sys.executable, "-B", "-c", textwrap.dedent(code)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": path}, check=True,
    )
    return done.stdout


class ExportersTest(unittest.TestCase):
    def test_nothing_imported_when_absent(self) -> None:
        out = run_isolated(
            """
            import sys
            from performance import monitor
            print(monitor.use_installed_exporters())
            print(sorted(name for name in sys.modules if name.startswith(("prometheus", "opentelemetry"))))
            """
        )
        self.assertEqual(out, "[]\n[]\n")

    def test_installed_packages_receive_measurements(self) -> None:
        with tempfile.TemporaryDirectory() as fake:
            # Stand-ins with the packages' API shapes, recording what they get.
            os.makedirs(os.path.join(fake, "prometheus_client"))
            with open(os.path.join(fake, "prometheus_client", "__init__.py"), "w") as file:
                file.write(textwrap.dedent("""
                    seen = []
                    class Histogram:
                        def __init__(self, name, doc, labels):
                            seen.append(("histogram", name, tuple(labels)))
                        def labels(self, **labels):
                            return _Child(labels)
                    class _Child:
                        def __init__(self, labels):
                            self.labels = labels
                        def observe(self, seconds):
                            seen.append((self.labels["function"], self.labels["outcome"], seconds < 1))
                """))
            os.makedirs(os.path.join(fake, "opentelemetry"))
            with open(os.path.join(fake, "opentelemetry", "__init__.py"), "w") as file:
                file.write("")
            with open(os.path.join(fake, "opentelemetry", "metrics.py"), "w") as file:
                file.write(textwrap.dedent("""
                    seen = []
                    class _Histogram:
                        def record(self, value, attributes):
                            seen.append(dict(attributes))
                    class _Meter:
                        def create_histogram(self, name, unit, description):
                            seen.append((name, unit))
                            return _Histogram()
                    def get_meter(name):
                        return _Meter()
                """))
            out = run_isolated(
                """
                from performance import monitor
                import prometheus_client
                from opentelemetry import metrics
                print(monitor.use_installed_exporters())
                @monitor.performance_monitor("job")
                def job(fail):
                    if fail:
                        raise ValueError()
                job(False)
                try:
                    job(True)
                except ValueError:
                    pass
                print(prometheus_client.seen)
                print(metrics.seen)
                print(monitor.performance_stats()["job"]["count"])
                """,
                fake,
            )
        self.assertEqual(
            out,
            "['prometheus', 'opentelemetry']\n"
            "[('histogram', 'perf_standards_function_duration_seconds', ('function', 'outcome')), ('job', 'ok', True), ('job', 'error', True)]\n"
            "[('perf_standards.function.duration', 'ms'), {'code.function.name': 'job'}, {'code.function.name': 'job', 'error.type': '_OTHER'}]\n"
            "2\n",
        )


if __name__ == "__main__":
    unittest.main()
