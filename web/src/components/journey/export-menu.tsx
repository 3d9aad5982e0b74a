/**
 * Exports of a map: a PDF through the print view (A4 or A3 landscape, opened in a new tab that
 * asks the browser to print; "Save as PDF" keeps the text as text), the cells as CSV, and on the
 * map page a PNG picture of the map as drawn.
 */
import { Button, Menu } from '@mantine/core';
import {
  IconChevronDown,
  IconFileExport,
  IconFileTypeCsv,
  IconFileTypePdf,
  IconPhoto,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export const PAPER_SIZES = ['a4', 'a3'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export function isPaperSize(value: unknown): value is PaperSize {
  return value === 'a4' || value === 'a3';
}

export function ExportMenu({
  printPath,
  csvUrl,
  png,
}: {
  /** The print view of a paper size, e.g. `/w/…/journeys/…/print/a3`. */
  printPath: (size: PaperSize) => string;
  /** The CSV download, when the reader may have it. */
  csvUrl?: string | undefined;
  /** The PNG picture of the map on screen: its label, action and whether one is being made. */
  png?: { label: string; busy: boolean; onClick: () => void } | undefined;
}) {
  const { t } = useTranslation('sharing');
  const print = (size: PaperSize) => window.open(`${printPath(size)}?auto=1`, '_blank', 'noopener');
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconFileExport size={16} />}
          rightSection={<IconChevronDown size={14} />}
          data-testid="jm-export"
        >
          {t('export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconFileTypePdf size={16} />}
          onClick={() => print('a4')}
          data-testid="jm-export-a4"
        >
          {t('export.pdfA4')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconFileTypePdf size={16} />}
          onClick={() => print('a3')}
          data-testid="jm-export-a3"
        >
          {t('export.pdfA3')}
        </Menu.Item>
        {png && (
          <Menu.Item
            leftSection={<IconPhoto size={16} />}
            disabled={png.busy}
            onClick={png.onClick}
            data-testid="jm-export-png"
          >
            {png.label}
          </Menu.Item>
        )}
        {csvUrl && (
          <Menu.Item
            component="a"
            href={csvUrl}
            download
            leftSection={<IconFileTypeCsv size={16} />}
            data-testid="jm-export-csv"
          >
            {t('export.csv')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
