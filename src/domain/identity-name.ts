// Rules for a person's name: free text, trimmed, not empty, not too long, and unique
// (ignoring case and surrounding spaces, so "ada" and "Ada " are the same person).

export const MAX_NAME_LENGTH = 80;

export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

export function sameName(a: string, b: string): boolean {
  return normalizeName(a).toLocaleLowerCase() === normalizeName(b).toLocaleLowerCase();
}

/** Returns why `name` cannot be used, or null when it can. */
export function nameProblem(
  name: string,
  existing: readonly { id: string; name: string }[],
  exceptId?: string,
): string | null {
  const clean = normalizeName(name);
  if (clean.length === 0) return 'A name cannot be empty.';
  if (clean.length > MAX_NAME_LENGTH)
    return `A name can have at most ${MAX_NAME_LENGTH} characters.`;
  if (/[/\\]/.test(clean))
    return 'A name cannot contain / or \\ (it becomes a folder name on export).';
  const clash = existing.find((other) => other.id !== exceptId && sameName(other.name, clean));
  if (clash) return `There is already a person called “${clash.name}”.`;
  return null;
}
