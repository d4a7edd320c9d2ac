/** A value as readable, wrapped JSON (text stays text, so an answer reads as an answer). */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre className={typeof value === 'string' ? 'json-view is-text' : 'json-view'} data-testid={testId}>
      {text}
    </pre>
  );
}
