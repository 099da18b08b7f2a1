import { Page } from '../components/Page.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../lib/router.js';

export function NotFoundPage({ home }: { home: string }) {
  const { t } = useI18n();
  return (
    <Page title={t.notFound.title} intro={t.notFound.body}>
      <Link to={home} className="btn btn-secondary">
        {t.notFound.back}
      </Link>
    </Page>
  );
}
