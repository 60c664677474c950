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

pulumi.export("queueUrl", pipeline.queue_url)
pulumi.export("queueArn", pipeline.queue_arn)
pulumi.export("dlqUrl", pipeline.dlq_url)
pulumi.export("bucketName", pipeline.bucket_name)
pulumi.export("tableName", pipeline.table_name)
pulumi.export("indexQueueUrl", pipeline.index_queue_url)
pulumi.export("indexDlqUrl", pipeline.index_dlq_url)
pulumi.export("producerPolicyArn", pipeline.producer_policy_arn)
pulumi.export("glueDatabase", pipeline.catalog.database_name)
pulumi.export("glueTable", pipeline.catalog.table_name)
pulumi.export("athenaWorkgroup", pipeline.catalog.workgroup_name)
pulumi.export("region", aws.get_region_output().region)
