/** `${NAME}` references, as http probes and their expectations use them. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export class MissingVariableError extends Error {
  constructor(
    readonly variable: string,
    readonly field: string,
  ) {
    super(`${field}: \${${variable}} is not set in the environment`);
    this.name = 'MissingVariableError';
  }
}

/** Replaces every `${NAME}` from `env`; an unset name throws, naming the field. */
export function interpolate(text: string, env: Record<string, string>, field: string): string {
  return text.replace(REFERENCE, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new MissingVariableError(name, field);
    return value;
  });
}
