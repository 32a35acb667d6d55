-- A cancelled line remembers the status it had when it was cancelled, so that a revert returns it
-- there without reading the order's history.
alter table order_lines add column status_before_cancel text;

-- Lines cancelled before this column existed: the last status their history moved them to, as the
-- revert used to work it out (a line never moved was ISSUED).
update order_lines l set status_before_cancel = coalesce(
    (select h.detail ->> 'to'
       from order_history h
      where h.tenant_id = l.tenant_id and h.order_id = l.order_id
        and h.type like 'line.%' and h.detail ->> 'lineId' = l.line_id::text
        and h.detail ->> 'to' <> 'CANCELLED'
      order by h.entry_id desc
      limit 1),
    'ISSUED')
where l.status = 'CANCELLED';
