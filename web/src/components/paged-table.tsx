import { Button, Table, Text } from '@mantine/core';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.ts';
import { ErrorAlert } from './error-alert.tsx';

/** A cursor-paged list: each page fetched with the cursor the last one gave, the rows of every page so far. */
export function usePagedList<P extends Page<unknown>>(queryKey: QueryKey, fetchPage: (cursor: string | null) => Promise<P>) {
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = (list.data?.pages.flatMap((p) => p.items) ?? []) as P['items'];
  return { list, rows };
}

/**
 * A paged list's table with its states: the error, "loading", the empty text, the table (only once
 * there are rows) and "load more" while the server has another page. The page keeps its filters
 * above it and gives the header cells and one <Table.Tr> (with its key) per row.
 */
export function PagedTable<T>(props: {
  paged: { list: Pick<ReturnType<typeof usePagedList>['list'], 'error' | 'isPending' | 'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage'>; rows: readonly T[] };
  empty: string;
  testId: string;
  minWidth: number;
  head: ReactNode;
  row: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { list, rows } = props.paged;
  return (
    <>
      <ErrorAlert error={list.error} />
      {list.isPending && <Text>{t('common.loading')}</Text>}
      {!list.isPending && rows.length === 0 && <Text>{props.empty}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={props.minWidth}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid={props.testId}>
            <Table.Thead>
              <Table.Tr>{props.head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows.map(props.row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
