/** Explains why a page is empty instead of letting the API answer 403 in the person's face. */
export function RoleNotice({ text }: { text: string }) {
  return (
    <p role="note" className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
      {text}
    </p>
  );
}
