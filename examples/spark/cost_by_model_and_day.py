"""Cost per model and day of raw JSONL usage logs, priced by the llmcost
binary on the executors (`RDD.pipe`-style, through `tally --annotate`),
summed as exact DECIMALs.

spark-submit --master local[2] --files "$(command -v llmcost)" \
    cost_by_model_and_day.py 'logs/*.jsonl'
"""

import json
import os
import subprocess
import sys
from decimal import Decimal

from pyspark import SparkFiles
from pyspark.sql import Row, SparkSession
from pyspark.sql.types import DecimalType, StringType, StructField, StructType


def priced(partition):
    binary = SparkFiles.get("llmcost")
    os.chmod(binary, 0o755)
    data = "\n".join(partition).encode()
    out = subprocess.run(
        [binary, "tally", "-", "--annotate"], input=data, capture_output=True, check=True
    ).stdout.decode()
    for line in out.splitlines():
        cost = json.loads(line).get("cost") or {}
        if cost.get("status") == "priced":
            day = (cost["row"].get("ts") or "unknown")[:10]
            yield Row(model=cost["model"], day=day, usd=Decimal(str(cost["usd"])))


def main(path):
    spark = (
        SparkSession.builder.appName("llmcost")
        .config("spark.sql.decimalOperations.allowPrecisionLoss", "false")
        .getOrCreate()
    )
    schema = StructType(
        [
            StructField("model", StringType()),
            StructField("day", StringType()),
            StructField("usd", DecimalType(38, 18)),
        ]
    )
    rows = spark.createDataFrame(spark.sparkContext.textFile(path).mapPartitions(priced), schema)
    rows.createOrReplaceTempView("priced")
    spark.sql(
        "SELECT day, model, count(*) AS requests, sum(usd) AS cost "
        "FROM priced GROUP BY day, model ORDER BY day, cost DESC"
    ).show(1000, truncate=False)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1])
