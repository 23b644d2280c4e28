import { PRIORITIES, type Plan } from '../engine/index.js';

/** `release-gates plan`: the ordered stages and gates, and what a failure of each would do. */
export function renderTextPlan(plan: Plan): string {
  const lines: string[] = [];
  lines.push(
    `Plan for ${plan.config.file} (${plan.mode} mode, event ${plan.event}${plan.branch ? `, branch ${plan.branch}` : ''}, concurrency ${plan.concurrency})`,
  );
  lines.push(`Policy: ${PRIORITIES.map((p) => `${p} ${plan.config.policy[p]}`).join(', ')}`);
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
      lines.push(`   ${gate.priority} ${action.padEnd(6)} ${gate.id.padEnd(24)} ${state}`);
      lines.push(`      ${what.length > 100 ? `${what.slice(0, 99)}…` : what}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
