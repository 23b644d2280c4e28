import { gateOrigin } from '../engine/config/types.js';
import { PRIORITIES, type Plan } from '../engine/index.js';

/**
 * `release-gates plan`: the ordered stages and gates, and what a failure of each would do.
 * A config that extends presets also gets a column saying where each gate came from.
 */
export function renderTextPlan(plan: Plan): string {
  const { config } = plan;
  const lines: string[] = [];
  lines.push(
    `Plan for ${config.file} (${plan.mode} mode, event ${plan.event}${plan.branch ? `, branch ${plan.branch}` : ''}, concurrency ${plan.concurrency})`,
  );
  lines.push(`Policy: ${PRIORITIES.map((p) => `${p} ${config.policy[p]}`).join(', ')}`);
  const presets = config.presets ?? [];
  if (presets.length > 0) {
    const written = config.extends ?? presets;
    const nested = presets.filter((name) => !written.includes(name));
    lines.push(
      `Extends: ${written.join(', ')}${nested.length > 0 ? ` (with ${nested.join(', ')})` : ''}`,
    );
    const fromPresets = config.gates.filter((gate) => gate.origin !== undefined).length;
    const replaced = config.gates.filter((gate) => gate.replaces !== undefined).length;
    const own = config.gates.length - fromPresets - replaced;
    const disabled = config.disabled ?? [];
    lines.push(
      `Gates: ${fromPresets} from presets, ${replaced} replaced and ${own} added by ${config.file}` +
        (disabled.length > 0 ? `; disabled: ${disabled.join(', ')}` : ''),
    );
  }
  const originOf = (gate: Plan['config']['gates'][number]) =>
    gate.replaces !== undefined
      ? `${config.file} (replaces ${gate.replaces})`
      : gateOrigin(gate, config.file);
  const originWidth = Math.max(
    0,
    ...plan.stages.flatMap((s) => s.gates.map(({ gate }) => originOf(gate).length)),
  );
  let step = 0;
  for (const { stage, gates } of plan.stages) {
    if (gates.length === 0) continue;
    step++;
    lines.push('', `${step}. ${stage}`);
    for (const { gate, action, skip } of gates) {
      const what =
        gate.kind === 'run'
          ? gate.run!.split('\n')[0]!
          : gate.kind === 'http'
            ? `http ${gate.http!.url}`
            : `uses ${gate.uses}`;
      const state = skip ? `skip (${skip.reason}: ${skip.detail})` : 'run';
      const origin = presets.length > 0 ? `${originOf(gate).padEnd(originWidth)}  ` : '';
      lines.push(`   ${gate.priority} ${action.padEnd(6)} ${gate.id.padEnd(24)} ${origin}${state}`);
      lines.push(`      ${what.length > 100 ? `${what.slice(0, 99)}…` : what}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
