import type { Writable } from 'node:stream';
import type { EngineEvent } from '../engine/index.js';
import { formatDuration, statusLabel } from '../reporters/format.js';
import { stripControl } from '../reporters/markdown-escape.js';

/** Receives engine events and shows them; `stop()` leaves the screen clean for the report. */
export interface Progress {
  onEvent(event: EngineEvent): void;
  stop(): void;
}

const COLORS = { red: 31, green: 32, yellow: 33, dim: 2 } as const;
type Color = keyof typeof COLORS;

function colorOf(status: string, action: string): Color {
  if (status === 'passed') return 'green';
  if (status === 'failed' || status === 'timed-out') {
    return action === 'warn' || action === 'notice' ? 'yellow' : 'red';
  }
  return status === 'cancelled' ? 'red' : 'dim';
}

/** Plain lines, for logs and pipes: one line when a gate starts and one when it ends. */
export function plainProgress(out: Writable, now: () => number): Progress {
  const started = now();
  const at = () => `[${formatDuration(now() - started).padStart(8)}]`;
  return {
    onEvent(event) {
      if (event.type === 'gate-start') {
        const attempt = event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
        out.write(`${at()} ▶ ${event.stage}/${event.id}${attempt}\n`);
      } else if (event.type === 'gate-end' && event.gate.status === 'skipped') {
        const why = stripControl(event.gate.detail ?? event.gate.reason ?? '');
        out.write(`${at()} skipped    ${event.gate.id}: ${why}\n`);
      } else if (event.type === 'gate-end') {
        const { gate } = event;
        out.write(
          `${at()} ${statusLabel(gate).padEnd(10)} ${gate.id} (${formatDuration(gate.durationMs)})\n`,
        );
      } else if (event.type === 'hook-end') {
        out.write(
          `${at()} ${event.hook.status.padEnd(10)} ${event.hook.kind}: ${stripControl(event.hook.name)}\n`,
        );
      }
    },
    stop() {},
  };
}

interface Running {
  stage: string;
  since: number;
  attempt: number;
}

/**
 * For a terminal: finished gates scroll up as permanent lines, and below them one line per
 * running gate with its elapsed time, redrawn in place.
 */
export class LiveProgress implements Progress {
  private readonly running = new Map<string, Running>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: Writable,
    private readonly color: boolean,
    private readonly now: () => number,
    private readonly columns = 100,
  ) {
    this.timer = setInterval(() => this.redraw(), 200);
    this.timer.unref();
  }

  private paint(color: Color, text: string): string {
    return this.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text;
  }

  onEvent(event: EngineEvent): void {
    if (event.type === 'gate-start') {
      this.running.set(event.id, { stage: event.stage, since: this.now(), attempt: event.attempt });
      this.redraw();
    } else if (event.type === 'gate-end') {
      this.running.delete(event.gate.id);
      const { gate } = event;
      const duration = gate.status === 'skipped' ? '' : ` ${formatDuration(gate.durationMs)}`;
      const why = gate.status === 'skipped' ? `  ${stripControl(gate.detail ?? '')}` : '';
      this.permanent(
        `${this.paint(colorOf(gate.status, gate.action), statusLabel(gate).padEnd(20))} ${gate.stage}/${gate.id}${duration}${why}`,
      );
    } else if (event.type === 'hook-end') {
      const { hook } = event;
      this.permanent(
        `${this.paint(hook.status === 'passed' ? 'green' : 'red', hook.status.padEnd(20))} ${hook.kind}: ${stripControl(hook.name)}`,
      );
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.erase();
  }

  /** The lines of the running block, as they are drawn now. */
  frame(): string[] {
    const spinner = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
    return [...this.running.entries()].map(([id, gate]) => {
      const elapsed = this.now() - gate.since;
      const tick = spinner[Math.floor(elapsed / 100) % spinner.length];
      const attempt = gate.attempt > 1 ? ` (attempt ${gate.attempt})` : '';
      const line = `${tick} ${gate.stage}/${id}${attempt}  ${formatDuration(elapsed)}`;
      return this.paint('dim', line.slice(0, this.columns - 1));
    });
  }

  private permanent(line: string): void {
    this.erase();
    this.out.write(`${line}\n`);
    this.redraw();
  }

  private erase(): void {
    // Up to the first line of the block, then clear to the end of the screen.
    if (this.drawn > 0) this.out.write(`\u001b[${this.drawn}F\u001b[0J`);
    this.drawn = 0;
  }

  private redraw(): void {
    const lines = this.frame();
    this.erase();
    if (lines.length > 0) this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}
