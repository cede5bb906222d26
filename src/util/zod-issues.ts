import type { z } from 'zod';

/** A zod error as one entry per offending key: an unknown key is reported at its own path. */
export function zodIssues(error: z.ZodError): { path: PropertyKey[]; message: string }[] {
  return error.issues.flatMap((issue) => {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    const message = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    return paths.map((path) => ({ path, message }));
  });
}
