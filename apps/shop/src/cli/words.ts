/** "1 purchase", "2 purchases": summaries read as sentences. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
