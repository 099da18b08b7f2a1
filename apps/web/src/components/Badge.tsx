import type { HTMLAttributes, ReactNode } from 'react';

/**
 * The five meanings a badge's color may carry. Pages map their own states onto these (typed over the
 * state enum, so a new state must pick one) instead of choosing colors: the same green means "done
 * and fine" everywhere, red "a person must look".
 */
export const badgeTones = ['neutral', 'success', 'warning', 'danger', 'info'] as const;
export type BadgeTone = (typeof badgeTones)[number];

const toneClasses = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-300',
  danger: 'bg-red-50 text-red-800 ring-red-200',
  info: 'bg-sky-50 text-sky-800 ring-sky-200',
} satisfies Record<BadgeTone, string>;

interface BadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'className'> {
  tone?: BadgeTone;
  /** A mark before the text (⚠); decorative, since the text says the same. */
  icon?: ReactNode;
  children: ReactNode;
}

/** `<Badge tone="danger" icon="⚠" data-state="failed">Requiere atención</Badge>` */
export function Badge({ tone = 'neutral', icon, children, ...rest }: BadgeProps) {
  return (
    <span className={`badge ring-1 ${toneClasses[tone]}`} {...rest}>
      {icon ? <span aria-hidden="true">{icon}&nbsp;</span> : null}
      {children}
    </span>
  );
}
