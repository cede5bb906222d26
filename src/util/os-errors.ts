import { msg, type Message } from './messages/index.js';

const KNOWN = ['ENOENT', 'EISDIR', 'EACCES', 'ENOSPC', 'EROFS', 'EDQUOT', 'EIO', 'EPIPE'] as const;

/** Why a file operation failed, in words: the common system errors by their code; others by code and their own text. */
export function osReason(error: unknown, missing: Message = msg('os.ENOENT')): Message {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return missing;
  if (code === 'EPERM') return msg('os.EACCES');
  if ((KNOWN as readonly (string | undefined)[]).includes(code)) return msg(`os.${code}` as 'os.EACCES');
  const detail = (error as Error | null)?.message ?? String(error);
  return msg('os.other', { code: code ?? detail, detail });
}
