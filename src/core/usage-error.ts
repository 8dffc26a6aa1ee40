/** Raised for bad CLI arguments or configuration: exit code 64, message names field and fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
