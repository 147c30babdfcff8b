-- The watch's own reviews with their stars: the training set of `veille train-sentiment`.
select coalesce(nullif(trim(coalesce(title, '') || '. ' || coalesce(text, '')), '.'), '') as text,
       rating,
       coalesce(rating_best, 5) as rating_best,
       lang
from documents
where kind = 'review'
  and rating is not null
  and text is not null
order by doc_id
