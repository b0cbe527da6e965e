"""Prices normalized usage rows in DuckDB (and, when asked, Apache Spark)
with the SQL `llmcost sql` writes, and prints the totals per model as JSON:
{"duckdb": {"total": "...", "models": {"provider/model": "..."}, "null_rows": N}, ...}.

Usage: price_in_engines.py USAGE_CSV DUCKDB_SQL [SPARK_SQL RAW_LOG LLMCOST_BINARY]
       price_in_engines.py --rows USAGE_CSV DUCKDB_SQL [SPARK_SQL]

With --rows (the door harness, tests/doors/) it prints each row's cost
instead, in the order of the CSV's `door_row` column:
{"duckdb": ["0.0527", null, ...], "spark_sql": [...]}.

With the Spark arguments it also runs Spark in local mode twice: the SQL
path (the same CSV and the Spark dialect's SQL) and the pipe path (the raw
log piped through `llmcost tally --annotate` per partition, the binary
shipped with SparkFiles). Decimal sums are exact; amounts are printed
normalized (no trailing zeros).
"""

import json
import sys
from decimal import Decimal


def norm(value):
    if value is None:
        return None
    text = format(Decimal(value).normalize(), "f")
    return text


def duckdb_priced(usage_csv, sql_path):
    """A DuckDB connection with the usage CSV as `llmcost_usage` and the
    SQL run."""
    import duckdb

    con = duckdb.connect()
    quoted = usage_csv.replace("'", "''")
    con.execute(
        f"CREATE VIEW llmcost_usage AS SELECT * FROM read_csv('{quoted}', header = true, "
        "types = {'cost': 'DECIMAL(38, 18)', 'ts': 'VARCHAR', 'service_tier': 'VARCHAR', "
        "'region': 'VARCHAR', 'model': 'VARCHAR', 'provider': 'VARCHAR'})"
    )
    con.execute(open(sql_path).read())
    return con


def duckdb_totals(usage_csv, sql_path):
    con = duckdb_priced(usage_csv, sql_path)
    models = {
        f"{p}/{m}": norm(c)
        for p, m, c in con.execute(
            "SELECT provider, model, sum(llmcost_cost) FROM llmcost_priced GROUP BY ALL"
        ).fetchall()
    }
    total, nulls = con.execute(
        "SELECT sum(llmcost_cost), count(*) FILTER (WHERE llmcost_cost IS NULL) FROM llmcost_priced"
    ).fetchone()
    return {"total": norm(total), "models": models, "null_rows": nulls}


def spark_session():
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]")
        .appName("llmcost-check")
        .config("spark.sql.decimalOperations.allowPrecisionLoss", "false")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )


def spark_priced(spark, usage_csv, sql_path):
    """The usage CSV as Spark's `llmcost_usage`, with the SQL run."""
    usage = spark.read.csv(usage_csv, header=True, inferSchema=False)
    casts = {
        "batch": "boolean",
        "requests": "bigint",
        "cost": "decimal(38,18)",
    }
    for column in usage.columns:
        if column.endswith("_tokens") or column in ("web_searches", "door_row"):
            usage = usage.withColumn(column, usage[column].cast("bigint"))
        elif column in casts:
            usage = usage.withColumn(column, usage[column].cast(casts[column]))
    usage.createOrReplaceTempView("llmcost_usage")
    for statement in open(sql_path).read().split(";\n"):
        if statement.strip() and not all(
            line.startswith("--") or not line.strip() for line in statement.splitlines()
        ):
            spark.sql(statement)


def spark_sql_totals(spark, usage_csv, sql_path):
    spark_priced(spark, usage_csv, sql_path)
    models = {
        f"{r[0]}/{r[1]}": norm(r[2])
        for r in spark.sql(
            "SELECT provider, model, sum(llmcost_cost) FROM llmcost_priced GROUP BY provider, model"
        ).collect()
    }
    row = spark.sql(
        "SELECT sum(llmcost_cost), sum(CASE WHEN llmcost_cost IS NULL THEN 1 ELSE 0 END) FROM llmcost_priced"
    ).collect()[0]
    return {"total": norm(row[0]), "models": models, "null_rows": int(row[1] or 0)}


def spark_pipe_totals(spark, raw_log, binary):
    """The pipe path, with the documented job's own partition function
    (examples/spark/cost_by_model_and_day.py), so CI runs what the docs show."""
    import os

    from pyspark.sql.types import DecimalType, StringType, StructField, StructType

    examples = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "spark")
    sys.path.insert(0, os.path.abspath(examples))
    from cost_by_model_and_day import priced

    # The workers import the job's module too.
    spark.sparkContext.addPyFile(os.path.join(os.path.abspath(examples), "cost_by_model_and_day.py"))
    spark.sparkContext.addFile(binary)
    lines = spark.sparkContext.textFile(raw_log, minPartitions=4)
    schema = StructType(
        [
            StructField("model", StringType()),
            StructField("day", StringType()),
            StructField("usd", DecimalType(38, 18)),
        ]
    )
    rows = spark.createDataFrame(lines.mapPartitions(priced), schema)
    rows.createOrReplaceTempView("llmcost_piped")
    models = {
        r[0]: norm(r[1])
        for r in spark.sql("SELECT model, sum(usd) FROM llmcost_piped GROUP BY model").collect()
    }
    total = spark.sql("SELECT sum(usd) FROM llmcost_piped").collect()[0][0]
    return {"total": norm(total), "models": models, "null_rows": 0}


def row_costs(rows):
    return [norm(cost) for _, cost in sorted(rows)]


def rows_main(args):
    con = duckdb_priced(args[0], args[1])
    result = {"duckdb": row_costs(con.execute("SELECT door_row, llmcost_cost FROM llmcost_priced").fetchall())}
    if len(args) >= 3:
        spark = spark_session()
        try:
            spark_priced(spark, args[0], args[2])
            rows = spark.sql("SELECT door_row, llmcost_cost FROM llmcost_priced").collect()
            result["spark_sql"] = row_costs((r[0], r[1]) for r in rows)
        finally:
            spark.stop()
    print(json.dumps(result))


def main():
    args = sys.argv[1:]
    if args[0] == "--rows":
        rows_main(args[1:])
        return
    result = {"duckdb": duckdb_totals(args[0], args[1])}
    if len(args) >= 5:
        spark = spark_session()
        try:
            result["spark_sql"] = spark_sql_totals(spark, args[0], args[2])
            result["spark_pipe"] = spark_pipe_totals(spark, args[3], args[4])
        finally:
            spark.stop()
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
