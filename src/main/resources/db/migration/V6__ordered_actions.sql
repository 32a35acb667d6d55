-- Actions that share an ordering key run one at a time, in the order they were accepted: a worker
-- takes an action only when no older action with its key is still pending. The sequence gives
-- that order; accepting under a key holds a transaction-level advisory lock on the key, so the
-- sequence of one key also follows commit order. Actions without a key stay independent.
alter table actions add column ordering_key text;
alter table actions add column sequence bigint generated always as identity;

-- The head-of-line check and "is anything queued under this key?".
create index actions_pending_by_key on actions (tenant_id, ordering_key, sequence)
    where status = 'PENDING' and ordering_key is not null;
