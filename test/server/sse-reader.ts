/** Reads a Server-Sent Events body into frames, as a browser's EventSource would. */
export async function readSse(response: Response): Promise<Array<{ event?: string; id?: string; data: string }>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const frame: { event?: string; id?: string; data: string } = { data: '' };
      for (const line of block.split('\n')) {
        const index = line.indexOf(': ');
        const field = line.slice(0, index);
        const value = line.slice(index + 2);
        if (field === 'event') frame.event = value;
        else if (field === 'id') frame.id = value;
        else if (field === 'data') frame.data += value;
      }
      return frame;
    });
}
