<?xml version="1.0" encoding="utf-8"?>
<!-- RegTAP 1.1 tables ("rr") for the portal's local DaCHS peer: the five the
     portal's registry harvest reads, with the standard's names.  Debian's DaCHS
     has no //rr, so ops/dachs/load_registry.py fills them from this DaCHS's own
     OAI-PMH interface: real VOResource records, written by DaCHS. -->
<resource schema="rr">
  <meta name="title">Local RegTAP tables</meta>
  <meta name="description">The resources this data centre publishes, in the
    RegTAP 1.1 relational registry schema.</meta>
  <meta name="creationDate">2026-11-22T00:00:00</meta>
  <meta name="subject">virtual-observatories</meta>

  <STREAM id="ivoidcol">
    <column name="ivoid" type="text" required="True" description="Lowercased IVOID of the resource"/>
  </STREAM>

  <table id="resource" onDisk="True" adql="True" primary="ivoid">
    <property key="supportsModel">Registry 1.1</property>
    <property key="supportsModelURI">ivo://ivoa.net/std/RegTAP#1.1</property>
    <meta name="description">The resources in this registry.</meta>
    <FEED source="ivoidcol"/>
    <column name="res_type" type="text"/>
    <column name="created" type="timestamp"/>
    <column name="short_name" type="text"/>
    <column name="res_title" type="text"/>
    <column name="updated" type="timestamp"/>
    <column name="content_level" type="text"/>
    <column name="res_description" type="text"/>
    <column name="reference_url" type="text"/>
    <column name="creator_seq" type="text"/>
    <column name="content_type" type="text"/>
    <column name="source_format" type="text"/>
    <column name="source_value" type="text"/>
    <column name="res_version" type="text"/>
    <column name="region_of_regard" type="real" unit="deg"/>
    <column name="waveband" type="text"/>
    <column name="rights" type="text"/>
    <column name="rights_uri" type="text"/>
    <column name="harvested_from" type="text"/>
  </table>

  <table id="capability" onDisk="True" adql="True">
    <meta name="description">Pieces of behaviour of a resource.</meta>
    <FEED source="ivoidcol"/>
    <column name="cap_index" type="smallint" required="True"/>
    <column name="cap_type" type="text"/>
    <column name="cap_description" type="text"/>
    <column name="standard_id" type="text"/>
  </table>

  <table id="interface" onDisk="True" adql="True">
    <meta name="description">Access modes of a capability.</meta>
    <FEED source="ivoidcol"/>
    <column name="cap_index" type="smallint" required="True"/>
    <column name="intf_index" type="smallint" required="True"/>
    <column name="intf_type" type="text"/>
    <column name="intf_role" type="text"/>
    <column name="std_version" type="text"/>
    <column name="url_use" type="text"/>
    <column name="access_url" type="text"/>
  </table>

  <table id="res_subject" onDisk="True" adql="True">
    <meta name="description">Topics of a resource.</meta>
    <FEED source="ivoidcol"/>
    <column name="res_subject" type="text"/>
  </table>

  <table id="res_role" onDisk="True" adql="True">
    <meta name="description">Entities (persons or organisations) in a role for a resource.</meta>
    <FEED source="ivoidcol"/>
    <column name="role_name" type="text"/>
    <column name="role_ivoid" type="text"/>
    <column name="email" type="text"/>
    <column name="base_role" type="text"/>
    <column name="role_index" type="smallint"><values nullLiteral="-1"/></column>
  </table>

  <data id="create">
    <make table="resource"/>
    <make table="capability"/>
    <make table="interface"/>
    <make table="res_subject"/>
    <make table="res_role"/>
  </data>
</resource>
