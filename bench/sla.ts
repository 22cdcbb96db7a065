import { addBusinessTime, HOUR_MS } from "../server/domain/sla/due";
import { defaultCalendar, germanNationwideHolidays } from "../server/domain/sla/calendar";
import { luxonAddBusinessTime, type LuxonCalendar } from "./sla-baseline";
import { interleaved } from "./lib/interleave";
import { mulberry32 } from "./lib/stats";
import { goal, metric } from "./lib/results";
import { num } from "./lib/table";
import { defineBenchmark, type Measured, type RunScope } from "./lib/benchmark";

const DURATION_MS = 16 * HOUR_MS;
const INPUTS = 10_000;
const FIRST_YEAR = 2025;
const YEARS = 2;

/**
 * Due computations per second (CONTRACT §8): addBusinessTime(from, 16 h, defaultCalendar()) over
 * receipt times spread across two years, beside a luxon day-walking implementation
 * (sla-baseline.ts) with the same hours and holidays. Both must agree on every input first, or the
 * comparison would be between two different computations.
 */
export const sla = defineBenchmark({ name: "sla", summary: "due computations/s of addBusinessTime (16 business hours) vs a luxon day walk", rounds: 5, seconds: 1 }, run);

async function run({ rounds, seconds, problems }: RunScope): Promise<Measured> {
  const inputs = receiptTimes(INPUTS);
  // Built once, as server/bootstrap.ts does for the server's lifetime.
  const cal = defaultCalendar();
  const luxonCal: LuxonCalendar = {
    zone: cal.timeZone,
    openWeekdays: new Set([1, 2, 3, 4, 5]),
    open: { hour: 9, minute: 0 },
    close: { hour: 18, minute: 0 },
    holidays: new Set(years(FIRST_YEAR, FIRST_YEAR + YEARS + 1).flatMap((y) => germanNationwideHolidays(y).map(([d]) => d))),
  };
  const ours = (from: Date) => addBusinessTime(from, DURATION_MS, cal)!.getTime();
  const baseline = (from: Date) => luxonAddBusinessTime(from, DURATION_MS, luxonCal).getTime();

  let disagreements = 0;
  for (const from of inputs) {
    const a = ours(from);
    const b = baseline(from);
    if (a !== b && disagreements++ === 0) {
      problems.push(`ours and the baseline disagree, e.g. from ${from.toISOString()}: ${new Date(a).toISOString()} vs ${new Date(b).toISOString()}`);
    }
  }
  if (disagreements) problems.push(`${disagreements} of ${inputs.length} due times differ`);

  const runs = await interleaved("sla", {
    ours: (warmup) => Promise.resolve(opsPerSecond(ours, inputs, warmup ? seconds / 2 : seconds)),
    baseline: (warmup) => Promise.resolve(opsPerSecond(baseline, inputs, warmup ? seconds / 2 : seconds)),
  }, { rounds, pauseMs: 100, describe: (x) => `${num(x)} ops/s` });

  const metrics = [metric("opsPerSecond", "due computations/s", "", "higher", runs.ours, runs.baseline)];
  return {
    title: "SLA due computations (16 business hours, Europe/Berlin, Mon–Fri 09–18, German holidays)",
    oursLabel: "addBusinessTime(from, 16 * HOUR_MS, defaultCalendar()) (server/domain/sla/due.ts)",
    baselineLabel: "luxon day walk with setZone/startOf/set per day (bench/sla-baseline.ts)",
    metrics,
    goals: [
      goal(metrics, { text: "ours ≥ 100,000 due computations/s", metric: "opsPerSecond", of: "ours", atLeast: 100_000 }),
    ],
    settings: {
      inputs: inputs.length,
      spread: `uniform over ${FIRST_YEAR}-01-01 .. ${FIRST_YEAR + YEARS}-01-01 UTC (seeded)`,
      durationHours: DURATION_MS / HOUR_MS,
      secondsPerRound: seconds,
      rounds,
    },
    checks: { inputsCompared: inputs.length, disagreements },
  };
}

function receiptTimes(n: number): Date[] {
  const from = Date.UTC(FIRST_YEAR, 0, 1);
  const span = Date.UTC(FIRST_YEAR + YEARS, 0, 1) - from;
  const rnd = mulberry32(20250101);
  return Array.from({ length: n }, () => new Date(from + Math.floor(rnd() * span)));
}

function years(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Sink for results, so the JIT cannot drop the work it measures. */
let sink = 0;

/** Inputs are taken in turn from where the last round stopped, checking the clock every CHUNK calls. */
const CHUNK = 256;
let cursor = 0;

function opsPerSecond(fn: (from: Date) => number, inputs: Date[], seconds: number): number {
  const budget = seconds * 1000;
  let ops = 0;
  const started = performance.now();
  let elapsed: number;
  do {
    for (let k = 0; k < CHUNK; k++) {
      sink ^= fn(inputs[cursor]!);
      if (++cursor === inputs.length) cursor = 0;
    }
    ops += CHUNK;
    elapsed = performance.now() - started;
  } while (elapsed < budget);
  if (sink === 0.5) console.log(sink);
  return (ops / elapsed) * 1000;
}
