/** The command line is wrong: exit code 2, with the command's help pointed at. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
