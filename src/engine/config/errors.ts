/**
 * A mistake in the user's config or inputs. Adapters print `problems` one per line
 * (as ::error annotations in the action) and never a stack trace.
 */
export class ConfigurationError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(list.join('\n'));
    this.name = 'ConfigurationError';
    this.problems = list;
  }
}

export function isConfigurationError(error: unknown): error is ConfigurationError {
  return error instanceof ConfigurationError;
}
