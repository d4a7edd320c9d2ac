/** Optional fields left out of a replacement must be removed from the stored document too. */
export function absentFields(value: object, fields: readonly string[]): Record<string, ''> {
  return Object.fromEntries(
    fields.filter((field) => !(field in value) || value[field as keyof typeof value] === undefined).map((f) => [f, '']),
  );
}
