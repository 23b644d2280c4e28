/*
 * Reads an action's stdout the way the runner does: workflow commands are lines starting with
 * `::name props::message`; between `::stop-commands::TOKEN` and `::TOKEN::` nothing is a command.
 */

export interface WorkflowCommand {
  name: string;
  props: Record<string, string>;
  message: string;
  /** Index of the line in stdout. */
  line: number;
}

export interface LogGroup {
  title: string;
  /** The stop-commands token, or undefined when the group did not stop commands. */
  token?: string;
  /** The lines between `::stop-commands::TOKEN` and `::TOKEN::` (or the whole group). */
  body: string;
}

export interface WorkflowLog {
  commands: WorkflowCommand[];
  groups: LogGroup[];
  /** Lines that looked like commands but sat inside a stop-commands block. */
  suppressed: string[];
}

/** Reverses @actions/core's escaping of data and property values. */
function unescapeData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(value: string): string {
  return unescapeData(value).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

const COMMAND = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/;

export function parseWorkflowLog(stdout: string): WorkflowLog {
  const lines = stdout.split('\n');
  const commands: WorkflowCommand[] = [];
  const groups: LogGroup[] = [];
  const suppressed: string[] = [];
  let stopToken: string | undefined;
  let group: { title: string; token?: string; body: string[] } | undefined;

  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) {
        stopToken = undefined;
        return;
      }
      if (COMMAND.test(line)) suppressed.push(line);
      group?.body.push(line);
      return;
    }
    const match = COMMAND.exec(line);
    if (!match) {
      group?.body.push(line);
      return;
    }
    const [, name, propText, message] = match;
    const props: Record<string, string> = {};
    for (const pair of (propText ?? '').split(',')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      props[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    const command = { name: name!, props, message: unescapeData(message!), line: index };
    commands.push(command);
    if (command.name === 'group') {
      group = { title: command.message, body: [] };
    } else if (command.name === 'endgroup') {
      if (group) {
        const entry: LogGroup = { title: group.title, body: group.body.join('\n') };
        if (group.token !== undefined) entry.token = group.token;
        groups.push(entry);
      }
      group = undefined;
    } else if (command.name === 'stop-commands') {
      stopToken = command.message;
      if (group) group.token = command.message;
    }
  });
  return { commands, groups, suppressed };
}

/** The `error`, `warning` and `notice` commands, in order. */
export function annotations(log: WorkflowLog): WorkflowCommand[] {
  return log.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.name));
}
