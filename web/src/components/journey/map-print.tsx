/**
 * The print view of a map: landscape sheets (A4 or A3, CSS named pages) of as many stages as fit
 * a sheet, each repeating the stage and lane names, with the emotion row under its stages. The
 * browser prints it as text and vector lines ("Save as PDF"); with `auto` it asks to print at once.
 */
import { Alert, Anchor, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isPaperSize, type PaperSize } from './export-menu';
import { type MapView, pageRanges } from './map-view';
import { ReadOnlyMap } from './read-only-map';
import './read-only-map.css';

/** The style nonce of this page (the Content-Security-Policy allows no other `<style>`). */
const styleNonce = () => document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';

/**
 * Sets the printed paper (`@page`, landscape, 10 mm margins) while the view is shown. A style
 * element rather than named pages: content after a named page would start a blank sheet of its own.
 */
function usePageSize(size: PaperSize): void {
  useEffect(() => {
    const style = document.createElement('style');
    style.nonce = styleNonce();
    style.textContent = `@page { size: ${size.toUpperCase()} landscape; margin: 10mm; }`;
    document.head.append(style);
    return () => style.remove();
  }, [size]);
}

/** Stages that fit across one landscape sheet with the lane column (about 150 px a stage). */
export const STAGES_PER_SHEET: Record<PaperSize, number> = { a4: 6, a3: 9 };

export function MapPrint({
  view,
  size,
  auto,
  backTo,
  sizePath,
}: {
  view: MapView;
  size: PaperSize;
  /** Ask the browser to print once drawn. */
  auto: boolean;
  /** The map's page. */
  backTo: string;
  /** The print view of another paper size. */
  sizePath: (size: PaperSize) => string;
}) {
  const { t } = useTranslation('sharing');
  const navigate = useNavigate();
  const ranges = pageRanges(view.stages.length, STAGES_PER_SHEET[size]);
  const printed = useRef(false);

  usePageSize(size);

  useEffect(() => {
    const title = document.title;
    document.title = view.name;
    return () => {
      document.title = title;
    };
  }, [view.name]);

  useEffect(() => {
    if (!auto || printed.current) return;
    printed.current = true;
    const frame = requestAnimationFrame(() => setTimeout(() => window.print(), 0));
    return () => cancelAnimationFrame(frame);
  }, [auto]);

  return (
    <div data-testid="jm-print-view">
      <Stack gap="xs" p="md" className="no-print">
        <Anchor component={Link} to={backTo} size="sm">
          <Group gap={4}>
            <IconChevronLeft size={14} />
            {t('print.back')}
          </Group>
        </Anchor>
        <Group justify="space-between" wrap="wrap">
          <Title order={2}>{t('print.title')}</Title>
          <Group gap="sm">
            <SegmentedControl
              aria-label={t('print.paper')}
              value={size}
              onChange={(value) => {
                if (isPaperSize(value)) navigate(sizePath(value), { replace: true });
              }}
              data={[
                { value: 'a4', label: 'A4' },
                { value: 'a3', label: 'A3' },
              ]}
              data-testid="print-size"
            />
            <Button
              leftSection={<IconPrinter size={16} />}
              onClick={() => window.print()}
              data-testid="print-now"
            >
              {t('print.print')}
            </Button>
          </Group>
        </Group>
        <Alert variant="light" color="gray">
          {t('print.hint')}
        </Alert>
      </Stack>
      <div className="ro-print" data-size={size}>
        {ranges.map((range, page) => (
          <section key={range.from} className="ro-sheet" data-testid="print-sheet">
            <div className="ro-sheet-head">
              <Title order={page === 0 ? 1 : 2} size="h3">
                {view.name}
              </Title>
              <Text size="sm" c="dimmed">
                {t('print.pages', { from: range.from + 1, to: range.to, total: view.stages.length })}
              </Text>
            </div>
            {page === 0 && (view.persona || view.description) && (
              <Text size="sm" mb={6}>
                {[view.persona && t('view.persona', { persona: view.persona }), view.description]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            )}
            <ReadOnlyMap view={view} from={range.from} to={range.to} />
          </section>
        ))}
      </div>
    </div>
  );
}
