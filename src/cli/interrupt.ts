/** Whether an error is a prompt cancelled by the user (Ctrl-C at a question): exit 130, not a failure. */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
