import { type Role, roleAtLeast, roles } from '@boveda/contracts';
import { useI18n } from '../i18n/i18n.js';
import type { FieldControlProps } from './Field.js';

interface RoleSelectProps extends FieldControlProps {
  value: Role;
  onChange(role: Role): void;
  /** Nobody can hand out more power than they have, so roles above this one are not offered. */
  maxRole: Role;
}

export function RoleSelect({ value, onChange, maxRole, ...control }: RoleSelectProps) {
  const { t } = useI18n();
  const allowed = roles.filter((r) => roleAtLeast(maxRole, r));
  return (
    <select {...control} className="input" value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {allowed.map((r) => (
        <option key={r} value={r}>
          {t.roles[r]}
        </option>
      ))}
    </select>
  );
}
