-- Webhook isolation (docs/events.md): a circuit per subscription that pauses a failing endpoint,
-- fair claiming across subscriptions, and why a delivery became a dead letter.

alter table webhook_subscriptions
    add column consecutive_failures int         not null default 0,
    -- Set while the circuit is open: nothing is sent before it; then one probe at a time.
    add column paused_until         timestamptz,
    add column paused_since         timestamptz,
    add column last_error           text,
    add column last_failure_at      timestamptz,
    -- Round robin: the subscription served longest ago is served first.
    add column last_claimed_at      timestamptz;

alter table webhook_deliveries
    add column dead_reason text check (dead_reason in ('max-attempts', 'backlog-full', 'unsubscribed'));

update webhook_deliveries d
set dead_reason = case when s.active then 'max-attempts' else 'unsubscribed' end
from webhook_subscriptions s
where d.status = 'DEAD' and s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id;

-- In-flight and due deliveries of one subscription, in order.
create index webhook_deliveries_pending_by_subscription
    on webhook_deliveries (tenant_id, subscription_id, position) where status = 'PENDING';
