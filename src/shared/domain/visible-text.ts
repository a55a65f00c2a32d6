/**
 * Text from a file shown to the user (in a message, a terminal, a page) with its control bytes
 * made visible: "\x1b[31m" is printed as the seven characters \x1b[31m, never sent to a terminal
 * as a colour change (or a bell, a clear-screen, a carriage return that hides what came before).
 * Tabs stay; newlines stay unless `newlines: false`.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CONTROL_AND_NEWLINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

export function visibleText(s: string, opts: { newlines?: boolean } = {}): string {
  return s.replace(opts.newlines === false ? CONTROL_AND_NEWLINE : CONTROL, hex);
}
