"""The droplets Pulumi program: read the stack's config, build the bundle, deploy the pipeline.

    pulumi stack select dev && pulumi up

Everything it creates is described in ``components/`` (one ComponentResource per concern);
the settings it reads in ``components/config.py``; ``docs/configuration.md`` has the
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

for output, value in pipeline.outputs.items():  # contract.STACK_OUTPUTS
    pulumi.export(output, value)
