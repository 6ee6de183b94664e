// A literal inside a RegExp (RegExp.escape arrives with Node 24; until then, this one line).
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
