<?xml version="1.0" encoding="utf-8"?>
<!-- The discovery portal's own ObsCore resource for its local DaCHS peer:
     2,100 observations in three collections (HST, XMM-Newton, JWST).
     ops/dachs/setup.sh installs it as /var/gavo/inputs/portalobs and imports it. -->
<resource schema="portalobs">
  <meta name="title">Portal Observations (HST, XMM-Newton, JWST)</meta>
  <meta name="description">
    Observations of well-known targets by three space missions, with the
    instruments, wavelength ranges, fields of view and years each mission
    really has.  Served through TAP and published into ivoa.obscore for the
    discovery portal's harvest tests.
  </meta>
  <meta name="creationDate">2026-11-22T00:00:00</meta>
  <meta name="subject">space-telescopes</meta>
  <meta name="subject">x-ray-astronomy</meta>
  <meta name="subject">infrared-astronomy</meta>
  <meta name="creator.name">Discovery Portal</meta>
  <meta name="facility">HST</meta>
  <meta name="facility">XMM-Newton</meta>
  <meta name="facility">JWST</meta>
  <meta name="content.type">Catalog</meta>
  <meta name="coverage.waveband">X-ray</meta>
  <meta name="coverage.waveband">UV</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="coverage.waveband">Infrared</meta>

  <table id="obs" onDisk="True" adql="True" primary="obs_publisher_did">
    <meta name="description">One row per observation; ObsCore column names, plus the time a row last changed.</meta>
    <mixin
      productType="dataproduct_type"
      collectionName="obs_collection"
      calibLevel="calib_level"
      title="obs_title"
      obsId="obs_id"
      did="obs_publisher_did"
      accessURL="access_url"
      mime="access_format"
      size="access_estsize"
      preview="NULL"
      targetName="target_name"
      targetClass="target_class"
      ra="s_ra"
      dec="s_dec"
      fov="s_fov"
      coverage="s_region"
      tMin="t_min"
      tMax="t_max"
      expTime="t_exptime"
      emMin="em_min"
      emMax="em_max"
      facilityName="facility_name"
      instrumentName="instrument_name"
    >//obscore#publish</mixin>

    <index columns="modified"/>
    <column name="obs_publisher_did" type="unicode" ucd="meta.ref.ivoid" required="True"
      description="Dataset identifier assigned by the publisher"/>
    <column name="obs_id" type="unicode" ucd="meta.id" description="Observation identifier"/>
    <column name="obs_collection" type="unicode" ucd="meta.id" description="Mission collection"/>
    <column name="dataproduct_type" type="unicode" ucd="meta.code.class" description="image, spectrum, cube or event"/>
    <column name="calib_level" type="smallint" required="True" ucd="meta.code;obs.calib" description="Calibration level"/>
    <column name="obs_title" type="unicode" ucd="meta.title" description="Human-readable title"/>
    <column name="target_name" type="unicode" ucd="meta.id;src" description="Target name"/>
    <column name="target_class" type="unicode" ucd="src.class" description="Target class"/>
    <column name="s_ra" type="double precision" unit="deg" ucd="pos.eq.ra;meta.main" description="Centre RA (ICRS)"/>
    <column name="s_dec" type="double precision" unit="deg" ucd="pos.eq.dec;meta.main" description="Centre Dec (ICRS)"/>
    <column name="s_fov" type="double precision" unit="deg" ucd="phys.angSize;instr.fov" description="Field of view"/>
    <column name="s_region" type="spoly" unit="deg" ucd="pos.outline;obs.field" description="Footprint"/>
    <column name="t_min" type="double precision" unit="d" xtype="mjd" ucd="time.start;obs.exposure" description="Start (MJD)"/>
    <column name="t_max" type="double precision" unit="d" xtype="mjd" ucd="time.end;obs.exposure" description="End (MJD)"/>
    <column name="t_exptime" type="double precision" unit="s" ucd="time.duration;obs.exposure" description="Exposure time"/>
    <column name="em_min" type="double precision" unit="m" ucd="em.wl;stat.min" description="Shortest wavelength"/>
    <column name="em_max" type="double precision" unit="m" ucd="em.wl;stat.max" description="Longest wavelength"/>
    <column name="facility_name" type="unicode" ucd="meta.id;instr.tel" description="Facility"/>
    <column name="instrument_name" type="unicode" ucd="meta.id;instr" description="Instrument"/>
    <column name="access_url" type="unicode" ucd="meta.ref.url" description="Download URL"/>
    <column name="access_format" type="unicode" ucd="meta.code.mime" description="MIME type of the product"/>
    <column name="access_estsize" type="bigint" unit="kbyte" ucd="phys.size;meta.file" description="Estimated size">
      <values nullLiteral="-1"/>
    </column>
    <column name="modified" type="timestamp" ucd="time.processing" description="When this row last changed"/>
  </table>

  <data id="import">
    <sources>data/obs.csv</sources>
    <csvGrammar enc="utf-8"/>
    <make table="obs">
      <rowmaker idmaps="*">
        <map key="s_region">None if not @s_region else pgsphere.SPoly.fromDALI(
          [float(v) for v in @s_region.split()])</map>
        <map key="s_ra">None if not @s_ra else float(@s_ra)</map>
        <map key="s_dec">None if not @s_dec else float(@s_dec)</map>
        <map key="s_fov">None if not @s_fov else float(@s_fov)</map>
        <map key="t_max">None if not @t_max else float(@t_max)</map>
        <map key="em_min">None if not @em_min else float(@em_min)</map>
        <map key="em_max">None if not @em_max else float(@em_max)</map>
        <map key="access_estsize">None if not @access_estsize else int(@access_estsize)</map>
        <map key="obs_title">@obs_title or None</map>
        <map key="modified">parseTimestamp(@modified, "%Y-%m-%dT%H:%M:%S")</map>
      </rowmaker>
    </make>
    <publish sets="ivo_managed,local"/>
  </data>
</resource>
