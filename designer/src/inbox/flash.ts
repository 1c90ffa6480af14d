// A one-shot message carried to the next screen ("Task completed" on the inbox after the task page).
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const m = pending;
  pending = null;
  return m;
}
