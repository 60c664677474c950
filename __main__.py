"""The droplets Pulumi program: read the stack's config, build the bundle, deploy the pipeline.

    pulumi stack select dev && pulumi up

Everything it creates is described in ``components/`` (one ComponentResource per concern);
the settings it reads in ``components/config.py``; the README's "Deploying" section has the
reference table. The outputs below are what the Express backend and the CLI need.
"""

import pulumi
import pulumi_aws as aws

from components.bundle import BundleError, BundleSpec, build_bundle, runtime_python_version
from components.config import load_settings
from components.pipeline import DropletsPipeline, DropletsPipelineArgs
from droplets import contract

settings = load_settings()
try:
    bundle = build_bundle(BundleSpec(
        architecture=settings.architecture,
        python_version=runtime_python_version(),
        plugin_packages=settings.plugin_packages,
    ))
except BundleError as exc:
    raise pulumi.RunError(f"building the Lambda bundle: {exc}") from None

pipeline = DropletsPipeline(
    "droplets",
    DropletsPipelineArgs(
        settings=settings,
        code=pulumi.FileArchive(str(bundle.path)),
        project=pulumi.get_project(),
        stack=pulumi.get_stack(),
        account_id=aws.get_caller_identity_output().account_id,
    ),
)

pulumi.export(contract.OUTPUT_QUEUE_URL, pipeline.queue_url)
pulumi.export(contract.OUTPUT_QUEUE_ARN, pipeline.queue_arn)
pulumi.export(contract.OUTPUT_DLQ_URL, pipeline.dlq_url)
pulumi.export(contract.OUTPUT_BUCKET, pipeline.bucket_name)
pulumi.export(contract.OUTPUT_TABLE, pipeline.table_name)
pulumi.export(contract.OUTPUT_INDEX_QUEUE_URL, pipeline.index_queue_url)
pulumi.export(contract.OUTPUT_INDEX_DLQ_URL, pipeline.index_dlq_url)
pulumi.export(contract.OUTPUT_PRODUCER_POLICY_ARN, pipeline.producer_policy_arn)
pulumi.export(contract.OUTPUT_GLUE_DATABASE, pipeline.catalog.database_name)
pulumi.export(contract.OUTPUT_GLUE_TABLE, pipeline.catalog.table_name)
pulumi.export(contract.OUTPUT_ATHENA_WORKGROUP, pipeline.catalog.workgroup_name)
pulumi.export(contract.OUTPUT_REGION, aws.get_region_output().region)
