/**
 * A problem with one input (or a group of them), said next to it: words with a symbol, announced
 * when it appears. Nothing is rendered without a message. `as="p"` for a group's problems.
 */
export function FieldError({ message, id, as: Tag = 'span' }: { message: string | null | undefined; id?: string; as?: 'span' | 'p' }) {
  if (!message) return null;
  return (
    <Tag className="field-error" id={id} role="alert">
      ⚠ {message}
    </Tag>
  );
}
