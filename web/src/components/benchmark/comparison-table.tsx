/** A table of brands side by side: one row per stage or touchpoint, one column per brand. */
import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BrandCell, CompetitorBenchmark } from '../../api/benchmark';
import { ScoreCell } from './score-cell';

export interface ComparisonRow {
  key: string;
  label: string;
  detail?: string | undefined;
  cells: BrandCell[];
}

export function ComparisonTable({
  brands,
  rows,
  firstColumn,
  testId,
}: {
  brands: CompetitorBenchmark['brands'];
  rows: ComparisonRow[];
  firstColumn: string;
  testId: string;
}) {
  const { t } = useTranslation('benchmark');
  return (
    <Table.ScrollContainer minWidth={180 + 150 * brands.length}>
      <Table withTableBorder verticalSpacing="xs" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{firstColumn}</Table.Th>
            {brands.map((brand) => (
              <Table.Th key={brand.id}>
                <Group gap={6} wrap="nowrap">
                  <Text fw={600} size="sm">
                    {brand.name}
                  </Text>
                  {brand.isOwn && (
                    <Badge size="xs" variant="light">
                      {t('benchmark.own')}
                    </Badge>
                  )}
                </Group>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-testid={`${testId}-row`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {row.label}
                </Text>
                {row.detail && (
                  <Text size="xs" c="dimmed">
                    {row.detail}
                  </Text>
                )}
              </Table.Td>
              {brands.map((brand) => (
                <Table.Td key={brand.id}>
                  <ScoreCell cell={row.cells.find((c) => c.brandId === brand.id)} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
