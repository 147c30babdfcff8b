-- Each brand's earned share of voice over a whole window (?1 .. ?2, inclusive), with its
-- 95 % Wilson interval and net sentiment; summed from sov_daily so the definitions stay there.
with totals as (
    select brand_id,
           sum(mentions) as mentions,
           sum(positive) as positive,
           sum(negative) as negative
    from sov_daily
    where period_start between ?::date and ?::date
    group by brand_id
),
shares as (
    select *,
           sum(mentions) over () as n,
           mentions / nullif(sum(mentions) over (), 0) as p
    from totals
),
wilson as (
    select *,
           1.959964 as z
    from shares
)
select w.brand_id,
       b.name,
       w.mentions,
       w.p as mention_share,
       (w.p + w.z * w.z / (2 * w.n) - w.z * sqrt(w.p * (1 - w.p) / w.n + w.z * w.z / (4 * w.n * w.n)))
           / (1 + w.z * w.z / w.n) as share_low,
       (w.p + w.z * w.z / (2 * w.n) + w.z * sqrt(w.p * (1 - w.p) / w.n + w.z * w.z / (4 * w.n * w.n)))
           / (1 + w.z * w.z / w.n) as share_high,
       (w.positive - w.negative) / nullif(w.positive + w.negative, 0) as net_sentiment
from wilson w
join brands b on b.id = w.brand_id
order by w.mentions desc, w.brand_id
