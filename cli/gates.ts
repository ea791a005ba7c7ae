import type { Command, CommandIO } from './command.js';
import { parseGatesArguments } from './gates/arguments.js';

const USAGE = `Usage: perf-standards gates [--only <gate,...>] [--format stylish|json|markdown] [--baseline <git-ref|file>]

The standards' quality gates, from the reports your tools already write:
  coverage       test coverage ≥ 90% (lines): istanbul JSON, lcov, Cobertura XML, coverage.py JSON
  typeCoverage   type coverage ≥ 95%: TypeScript (as \`perf-standards coverage\`), Python (annotated parameters, returns)
  bundleSize     bundle size ≤ 250 kB (brotli): built files by glob, or size-limit --json output
  regression     performance regression ≤ 5% per benchmark against a baseline
  budgets        p50/p95/p99 limits per metric-name glob on a performanceStats() snapshot
  memory         heap increase ≤ 10 MiB across a command
  accessibility  Lighthouse accessibility score ≥ 95
Configured by "gates" in perf-standards.config.json (see docs/commands/gates.md); a gate left out runs with
the standards' numbers where its report is, and is listed as "no data" where it is not.

Options:
  --only <gates>        comma-separated gate ids (repeatable); missing data is then an error
  -f, --format <name>   stylish (default), json, or markdown (for $GITHUB_STEP_SUMMARY)
  --baseline <ref|file> the regression gate's baseline, over gates.regression.baseline
  -h, --help            show this help

Exit codes: 0 every gate passed or has no data, 1 a gate failed, 2 bad usage, an invalid
perf-standards.config.json, or a missing or unreadable report (named, with the command that writes it).`;

/**
 * `perf-standards gates`: the standards' quality gates and performance budgets in one command.
 * @performance arguments are checked before any gate loads; the gates run concurrently.
 */
export const gatesCommand: Command = {
  name: 'gates',
  summary: 'Quality gates: test and type coverage, bundle size, regressions, budgets, memory, accessibility.',
  usage: USAGE,
  async run(argv: readonly string[], io: CommandIO): Promise<number> {
    const args = parseGatesArguments(argv);
    const { runGates } = await import('./gates/run-gates.js');
    return runGates(args, io);
  },
} as const;
