-- Cost per model and day of the normalized rows in usage.csv, with the
-- prices `llmcost sql --dialect duckdb > prices.sql` wrote.
CREATE OR REPLACE VIEW llmcost_usage AS
SELECT * FROM read_csv('usage.csv', header = true,
  types = {'cost': 'DECIMAL(38, 18)', 'ts': 'VARCHAR', 'model': 'VARCHAR',
           'provider': 'VARCHAR', 'service_tier': 'VARCHAR', 'region': 'VARCHAR'});
.read prices.sql
SELECT provider || '/' || model AS model,
       substr(ts, 1, 10) AS day,
       count(*) AS requests,
       sum(llmcost_cost) AS cost,
       count(*) FILTER (WHERE llmcost_cost IS NULL) AS unpriced
FROM llmcost_priced
GROUP BY ALL
ORDER BY day, cost DESC;
