/**
 * `/shopper/:token`: the external mystery shopper's page, reached by a one-time link without an
 * account. No app navigation and nothing of the workspace beyond what the shopper API returns;
 * the language is the browser's (with a picker), not a stored choice of someone else's.
 */
import { Container, Group, Select, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { shopperWalkSource } from '../api/audits';
import { Walk } from '../components/audits/walk';
import { i18n, isLanguage, LANGUAGES, type Language } from '../i18n';

/** The first of the browser's languages the app speaks, else English. */
function browserLanguage(): Language {
  for (const tag of navigator.languages ?? []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return 'en';
}

export function ShopperPage() {
  const { t } = useTranslation('audits');
  const { token = '' } = useParams();
  const source = useMemo(() => shopperWalkSource(token), [token]);
  useEffect(() => {
    const language = browserLanguage();
    document.documentElement.lang = language;
    void i18n.changeLanguage(language);
  }, []);
  return (
    <Container size={520} px="sm" py="sm" data-testid="page-shopper">
      <Group justify="space-between" mb="sm" wrap="nowrap" gap="xs">
        <Text fw={700} size="sm" c="dimmed">
          {t('walk.shopperTitle')}
        </Text>
        <Select
          aria-label={t('walk.language')}
          size="xs"
          w={120}
          allowDeselect={false}
          value={i18n.language}
          data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
          onChange={(value) => {
            if (!isLanguage(value)) return;
            document.documentElement.lang = value;
            void i18n.changeLanguage(value);
          }}
          data-testid="shopper-language"
        />
      </Group>
      <Walk source={source} />
    </Container>
  );
}
