/** A JSON response body for assertions (tests check its shape with expect). */
// biome-ignore lint/suspicious/noExplicitAny: test assertions inspect arbitrary JSON
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}
