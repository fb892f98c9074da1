package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's IAM operations through boto3 (Debian's python3-boto3): its paginators follow the emulator's markers,
 * inline policies and tags round-trip, ReadOnlyAccess attaches, and errors arrive as botocore's ClientError with
 * AWS's code. The script prints one line per check; the test asserts the lines.
 */
class IamBoto3Test {
    private static final String SCRIPT = """
            import json, sys, boto3, botocore.exceptions
            iam = boto3.client('iam', endpoint_url=sys.argv[1], region_name='us-east-1',
                               aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
            trust = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow',
                'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]})
            for n in ['b3', 'a1', 'c2', 'd4', 'e5']:
                iam.create_role(RoleName=n, AssumeRolePolicyDocument=trust, Tags=[{'Key': 'Team', 'Value': n}])
            pages = list(iam.get_paginator('list_roles').paginate(PaginationConfig={'PageSize': 2}))
            print('pages', len(pages), [r['RoleName'] for p in pages for r in p['Roles']])
            print('truncated', pages[0]['IsTruncated'], 'Marker' in pages[0])
            doc = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:ListBucket', 'Resource': '*'}]}
            iam.put_role_policy(RoleName='a1', PolicyName='S3List', PolicyDocument=json.dumps(doc))
            got = iam.get_role_policy(RoleName='a1', PolicyName='S3List')
            print('inline', got['PolicyDocument'] == doc, iam.list_role_policies(RoleName='a1')['PolicyNames'])
            iam.attach_role_policy(RoleName='a1', PolicyArn='arn:aws:iam::aws:policy/ReadOnlyAccess')
            print('attached', [p['PolicyName'] for p in iam.list_attached_role_policies(RoleName='a1')['AttachedPolicies']])
            print('tags', iam.list_role_tags(RoleName='a1')['Tags'])
            aws_count = sum(len(p['Policies']) for p in iam.get_paginator('list_policies').paginate(Scope='AWS'))
            print('aws policies', aws_count)
            try:
                iam.delete_role(RoleName='a1')
            except botocore.exceptions.ClientError as e:
                print('error', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Message'])
            try:
                iam.list_roles(Marker='garbage')
            except botocore.exceptions.ClientError as e:
                print('error', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Message'])
            """;

    private TestAwsEmulator aws;
    private String python;

    @BeforeEach
    void start() {
        python = Peers.python3With("boto3", "python3-boto3");
        aws = TestAwsEmulator.start();
    }

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void pagingInlinePoliciesTagsAndReadOnlyAccessWithBoto3() {
        Peers.Result r = Peers.run(List.of(python, "-c", SCRIPT, aws.baseUrl(), TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET),
                Map.of("AWS_CONFIG_FILE", "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent", "AWS_EC2_METADATA_DISABLED", "true"), null);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().lines().toList()).containsExactly(
                "pages 3 ['a1', 'b3', 'c2', 'd4', 'e5']",
                "truncated True True",
                "inline True ['S3List']",
                "attached ['ReadOnlyAccess']",
                "tags [{'Key': 'Team', 'Value': 'a1'}]",
                "aws policies " + AwsManagedPolicies.all().size(),
                "error DeleteConflict 409 Cannot delete entity, must detach all policies first.",
                "error ValidationError 400 Invalid Marker.");
    }
}
